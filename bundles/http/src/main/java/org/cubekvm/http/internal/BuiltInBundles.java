package org.cubekvm.http.internal;

import org.cubekvm.api.platform.PlatformProperties;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/** Checks the bundles the distribution installed (recognised by their location). */
final class BuiltInBundles {
    private BuiltInBundles() {
    }

    static boolean allRunning(BundleContext context) {
        if (context.getBundle(0).getState() != Bundle.ACTIVE) {
            return false;
        }
        for (Bundle bundle : context.getBundles()) {
            if (!bundle.getLocation().startsWith(PlatformProperties.BUILT_IN_LOCATION_PREFIX)) {
                continue;
            }
            boolean fragment = bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle.getState() != expected) {
                return false;
            }
        }
        return true;
    }
}
