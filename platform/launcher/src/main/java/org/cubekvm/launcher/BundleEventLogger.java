package org.cubekvm.launcher;

import org.osgi.framework.BundleEvent;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.SynchronousBundleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs bundle starts at debug and every stop at info, so a shutdown shows each bundle stopped. */
final class BundleEventLogger implements SynchronousBundleListener, FrameworkListener {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.launcher");

    @Override
    public void bundleChanged(BundleEvent event) {
        switch (event.getType()) {
            case BundleEvent.STARTED -> LOG.debug("started {}", event.getBundle().getSymbolicName());
            case BundleEvent.STOPPED -> LOG.info("stopped {}", event.getBundle().getSymbolicName());
            default -> {
            }
        }
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.ERROR && event.getThrowable() != null) {
            String name = event.getBundle() == null ? "framework" : event.getBundle().getSymbolicName();
            LOG.error("{}: {}", name, OneLine.of(event.getThrowable()));
        }
    }
}
