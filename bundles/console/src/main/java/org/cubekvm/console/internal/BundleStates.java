package org.cubekvm.console.internal;

import org.cubekvm.api.platform.PlatformProperties;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

/** Describes bundles the way the API shows them. */
final class BundleStates {
    private BundleStates() {
    }

    static String name(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNKNOWN";
        };
    }

    static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    static boolean isBuiltIn(Bundle bundle) {
        return bundle.getBundleId() == 0 || bundle.getLocation().startsWith(PlatformProperties.BUILT_IN_LOCATION_PREFIX);
    }

    static BundleInfo describe(Bundle bundle) {
        String vendor = bundle.getHeaders("").get(Constants.BUNDLE_VENDOR);
        return new BundleInfo(bundle.getBundleId(), bundle.getSymbolicName(), bundle.getVersion().toString(),
                name(bundle.getState()), isFragment(bundle), vendor, null, isBuiltIn(bundle));
    }
}
