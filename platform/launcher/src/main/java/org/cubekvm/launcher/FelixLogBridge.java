package org.cubekvm.launcher;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends the framework's own log to SLF4J, one line per event, traces only at debug. */
final class FelixLogBridge extends org.apache.felix.framework.Logger {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.framework");

    @Override
    protected void doLogOut(int level, String message, Throwable throwable) {
        String text = throwable == null ? message : message + ": " + OneLine.of(throwable);
        switch (level) {
            case LOG_ERROR -> LOG.error(text);
            case LOG_WARNING -> LOG.warn(text);
            case LOG_INFO -> LOG.info(text);
            default -> LOG.debug(text);
        }
        if (throwable != null) {
            LOG.debug("trace", throwable);
        }
    }

    @Override
    protected void doLog(Bundle bundle, ServiceReference sr, int level, String message, Throwable throwable) {
        String prefix = bundle == null ? "" : bundle.getSymbolicName() + ": ";
        doLogOut(level, prefix + message, throwable);
    }
}
