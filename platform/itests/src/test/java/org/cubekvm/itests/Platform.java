package org.cubekvm.itests;

import static org.junit.Assert.assertNotNull;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/** Waiting for the platform inside the framework, and naming bundle states like the API does. */
final class Platform {
    /** The REST whiteboard's runtime service: once it is there, Jersey serves /api. */
    static final String JAKARTARS_RUNTIME = "org.osgi.service.jakartars.runtime.JakartarsServiceRuntime";
    private static final long SERVICE_TIMEOUT_MILLIS = 30_000;

    private Platform() {
    }

    /** Waits for the REST runtime with a tracker, then for /healthz to say UP (nothing to track for that). */
    static Http awaitUp(BundleContext context) throws InterruptedException {
        awaitService(context, JAKARTARS_RUNTIME);
        Http http = new Http(context);
        http.await("/healthz", response -> response.status() == 200, "200 UP");
        return http;
    }

    static void awaitService(BundleContext context, String className) throws InterruptedException {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, className, null);
        tracker.open(true);
        try {
            assertNotNull(className + " was not registered within " + SERVICE_TIMEOUT_MILLIS + " ms",
                    tracker.waitForService(SERVICE_TIMEOUT_MILLIS));
        } finally {
            tracker.close();
        }
    }

    static Bundle bySymbolicName(BundleContext context, String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElse(null);
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNKNOWN(" + state + ")";
        };
    }
}
