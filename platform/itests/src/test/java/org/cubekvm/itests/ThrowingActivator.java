package org.cubekvm.itests;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Packed by {@link VendorJars} into a signed bundle whose activator throws, to show the install is rolled back. */
public class ThrowingActivator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        context.registerService(Runnable.class, () -> { }, null);
        throw new IllegalStateException("this activator always fails");
    }

    @Override
    public void stop(BundleContext context) {
        // nothing to undo: the framework unregisters what start registered
    }
}
