package org.cubekvm.itests;

import static org.junit.Assert.assertNotNull;

import java.util.Arrays;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/** Waiting for the platform inside the framework, and naming bundle states like the API does. */
final class Platform {
    /** The REST whiteboard's runtime service: once it is there, Jersey serves /api. */
    static final String JAKARTARS_RUNTIME = "org.osgi.service.jakartars.runtime.JakartarsServiceRuntime";
    private static final long SERVICE_TIMEOUT_MILLIS = 30_000;
    /** The first failure to come up, so every later test of the container fails at once instead of waiting again. */
    private static volatile AssertionError notUp;
    private static volatile boolean wasUp;

    private Platform() {
    }

    /**
     * Waits for the REST runtime with a tracker, then for /healthz to say UP (nothing to track for
     * that); @return a client authenticated as the first admin (API token).
     */
    static Http awaitUp(BundleContext context) throws Exception {
        return Credentials.adminTokenClient(context, awaitUpAnonymous(context));
    }

    /** As {@link #awaitUp}, without credentials. */
    static Http awaitUpAnonymous(BundleContext context) throws InterruptedException {
        if (notUp != null) {
            throw notUp;
        }
        Http http = new Http(context);
        if (wasUp) {
            // Later tests need it UP too: a hot-swap test may just have restarted a bundle.
            http.await("/healthz", response -> response.status() == 200, "200 UP");
            return http;
        }
        try {
            awaitService(context, JAKARTARS_RUNTIME);
            http.await("/healthz", response -> response.status() == 200, "200 UP");
            wasUp = true;
            return http;
        } catch (AssertionError e) {
            // No cause: Pax Exam reports the innermost cause and would drop the diagnosis.
            AssertionError failure = new AssertionError(e.getMessage() + "\nBuilt-in bundles not running: " + notRunning(context));
            failure.setStackTrace(e.getStackTrace());
            notUp = failure;
            throw failure;
        }
    }

    /** What keeps /healthz DOWN, for the failure message. */
    private static String notRunning(BundleContext context) {
        StringBuilder result = new StringBuilder();
        for (Bundle bundle : context.getBundles()) {
            if (!bundle.getLocation().startsWith(DistributionFolder.LOCATION_PREFIX)) {
                continue;
            }
            boolean fragment = bundle.getHeaders("").get("Fragment-Host") != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle.getState() != expected) {
                result.append("\n  ").append(bundle.getSymbolicName()).append(" is ").append(stateName(bundle.getState()));
            }
        }
        return result.length() == 0 ? "none (so the access guard or /healthz itself is at fault)" : result.toString();
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
