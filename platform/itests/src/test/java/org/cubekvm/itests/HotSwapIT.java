package org.cubekvm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cubekvm.testsupport.Await;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Hot swap through the console API: a stopped feature bundle's endpoint disappears while the
 * rest keeps serving, and starting it brings the endpoint back. The console refuses to stop
 * itself or the framework.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT extends PlatformTest {
    /** A feature bundle and an endpoint it alone serves, answering 200 without credentials. */
    record Feature(String symbolicName, String path) {
    }

    /**
     * Tried in order; the first whose endpoint answers 200 is swapped. Several, so the test does not
     * hinge on one feature being finished or working on this machine; the virtual machine comes first
     * because the virtual profile always has it.
     */
    static final List<Feature> CANDIDATES = List.of(
            new Feature("org.cubekvm.virtual", "/api/virtual/state"),
            new Feature("org.cubekvm.mjpeg", "/api/snapshot"),
            new Feature("org.cubekvm.hid", "/api/hid/layouts"),
            new Feature("org.cubekvm.capture", "/api/video/status"));


    @Test
    public void stoppingAFeatureRemovesItsEndpointAndStartingItBringsItBack() {
        Feature feature = servingFeature();
        // Which one was swapped depends on what is built; say so in the test output.
        System.out.println("HotSwapIT: swapping " + feature.symbolicName() + " (" + feature.path() + ")");
        Bundle bundle = Platform.bySymbolicName(context, feature.symbolicName());
        String api = "/api/platform/bundles/" + bundle.getBundleId();
        try {
            Http.Response stopped = http.post(api + "/stop");
            assertEquals("POST " + api + "/stop: " + stopped, 200, stopped.status());
            assertEquals("RESOLVED", stopped.object().get("state").getAsString());
            assertEquals("framework state of " + feature.symbolicName(), Bundle.RESOLVED, bundle.getState());

            // Jersey re-initialises asynchronously: poll until the resource is gone.
            http.await(feature.path(), r -> r.status() == 404, "404 after stopping " + feature.symbolicName())
                    .assertError(404);

            // The rest keeps serving. A built-in bundle is down, so health honestly says DOWN.
            Http.Response health = http.get("/healthz");
            assertEquals("GET /healthz with " + feature.symbolicName() + " stopped: " + health, 503, health.status());
            assertEquals(JsonParser.parseString("{\"status\":\"DOWN\"}"), health.json());
            Http.Response info = http.get("/api/platform/info");
            assertEquals("GET /api/platform/info: " + info, 200, info.status());
            assertEquals("RESOLVED", stateInApi(bundle.getBundleId()));

            Http.Response started = http.post(api + "/start");
            assertEquals("POST " + api + "/start: " + started, 200, started.status());
            assertEquals("ACTIVE", started.object().get("state").getAsString());
            assertEquals(Bundle.ACTIVE, bundle.getState());
            http.await(feature.path(), r -> r.status() == 200, "200 after starting " + feature.symbolicName());
            http.await("/healthz", r -> r.status() == 200, "UP again");
            assertEquals("ACTIVE", stateInApi(bundle.getBundleId()));
        } finally {
            // Leave the shared container as found even when an assertion failed half-way.
            if (bundle.getState() != Bundle.ACTIVE) {
                try {
                    bundle.start();
                } catch (Exception e) {
                    // the assertion failure above is the report that matters
                }
            }
        }
    }

    @Test
    public void theConsoleRefusesToStopItself() {
        Bundle console = Platform.bySymbolicName(context, "org.cubekvm.console");
        assertNotNull("org.cubekvm.console is not installed", console);
        JsonObject error = http.post("/api/platform/bundles/" + console.getBundleId() + "/stop").assertError(409);
        assertEquals(error.toString(), "protected_bundle", error.get("error").getAsString());
        assertEquals(Bundle.ACTIVE, console.getState());
        assertEquals(200, http.get("/api/platform/info").status());
    }

    @Test
    public void theFrameworkCannotBeStoppedThroughTheApi() {
        JsonObject error = http.post("/api/platform/bundles/0/stop").assertError(409);
        assertEquals(error.toString(), "protected_bundle", error.get("error").getAsString());
        assertEquals(Bundle.ACTIVE, context.getBundle(0).getState());
        assertEquals(200, http.get("/healthz").status());
    }

    /** The first candidate that is running and serving 200, polling until the deadline (Jersey may still be loading). */
    private Feature servingFeature() {
        Map<Feature, String> last = new LinkedHashMap<>();
        try {
            return Await.value("a feature bundle that serves 200", Http.DEADLINE, () -> {
                for (Feature feature : CANDIDATES) {
                    Bundle bundle = Platform.bySymbolicName(context, feature.symbolicName());
                    if (bundle == null) {
                        last.put(feature, "bundle not installed");
                        continue;
                    }
                    Http.Response response = http.get(feature.path());
                    if (response.status() == 200 && bundle.getState() == Bundle.ACTIVE) {
                        return feature;
                    }
                    last.put(feature, Platform.stateName(bundle.getState()) + ", GET answered " + response);
                }
                return null;
            });
        } catch (AssertionError timedOut) {
            // reported below, with what each candidate answered last
        }
        StringBuilder message = new StringBuilder("No feature bundle to hot-swap: none of the candidates served 200 within "
                + Http.DEADLINE.toSeconds() + " s. Add the new feature to HotSwapIT.CANDIDATES, or fix it:");
        last.forEach((feature, answer) -> message.append("\n  ").append(feature.symbolicName()).append(" GET ")
                .append(feature.path()).append(": ").append(answer));
        fail(message.toString());
        return null;
    }

    private String stateInApi(long id) {
        Http.Response response = http.get("/api/platform/bundles");
        assertEquals(200, response.status());
        for (var element : response.json().getAsJsonArray()) {
            JsonObject entry = element.getAsJsonObject();
            if (entry.get("id").getAsLong() == id) {
                return entry.get("state").getAsString();
            }
        }
        fail("bundle " + id + " is missing from GET /api/platform/bundles");
        return null;
    }
}
