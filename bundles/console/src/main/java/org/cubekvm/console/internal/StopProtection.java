package org.cubekvm.console.internal;

import org.osgi.framework.Bundle;

/** Which bundles the API refuses to stop, and why. */
final class StopProtection {
    private StopProtection() {
    }

    /** @return null when the bundle may be stopped, else a sentence saying why not */
    static String reason(Bundle bundle, Bundle console, boolean force) {
        if (bundle.getBundleId() == 0) {
            return "The framework cannot be stopped through the API; stop the service instead";
        }
        if (bundle.equals(console)) {
            return "The console cannot stop itself: nothing could start it again";
        }
        if (force) {
            return null;
        }
        String name = bundle.getSymbolicName() == null ? "" : bundle.getSymbolicName();
        if (!name.startsWith("org.cubekvm.") || name.equals("org.cubekvm.api") || name.equals("org.cubekvm.http")
                || name.equals("org.cubekvm.auth")) {
            return "Bundle " + name + " is part of the platform's runtime; stopping it would take down every feature."
                    + " Add ?force=true to stop it anyway";
        }
        return null;
    }
}
