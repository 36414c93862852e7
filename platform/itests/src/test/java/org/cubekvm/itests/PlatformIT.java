package org.cubekvm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The real distribution in a real Felix, checked over real HTTP: health, the bundle list
 * against the framework's own view, platform info, and the error/Origin rules of docs/api.md.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlatformIT extends PlatformTest {
    private static final String FOREIGN_ORIGIN = "http://evil.example";


    @Test
    public void healthzSaysUp() {
        Http.Response health = http.get("/healthz");
        assertEquals("GET /healthz: " + health, 200, health.status());
        assertEquals(JsonParser.parseString("{\"status\":\"UP\"}"), health.json());
    }

    @Test
    public void everyDistributionBundleRunsAndTheApiShowsWhatTheFrameworkSees() throws Exception {
        List<DistributionFolder.Jar> jars = DistributionFolder.bundles();
        assertFalse("the distribution has no bundles", jars.isEmpty());

        Http.Response response = http.get("/api/platform/bundles");
        assertEquals("GET /api/platform/bundles: " + response, 200, response.status());
        Map<Long, JsonObject> listed = new HashMap<>();
        for (JsonElement element : response.json().getAsJsonArray()) {
            JsonObject entry = element.getAsJsonObject();
            listed.put(entry.get("id").getAsLong(), entry);
        }

        // Exactly the framework's bundles (incl. Pax Exam's own and the probe), each as the framework sees it.
        Bundle[] bundles = context.getBundles();
        assertEquals("bundle ids listed by the API vs the framework",
                new TreeSet<>(Arrays.stream(bundles).map(Bundle::getBundleId).toList()),
                new TreeSet<>(listed.keySet()));
        List<String> problems = new ArrayList<>();
        for (Bundle bundle : bundles) {
            JsonObject entry = listed.get(bundle.getBundleId());
            String name = bundle.getSymbolicName() + " (" + bundle.getBundleId() + ")";
            expect(problems, name, "state", Platform.stateName(bundle.getState()), entry.get("state").getAsString());
            expect(problems, name, "symbolicName", bundle.getSymbolicName(), entry.get("symbolicName").getAsString());
            expect(problems, name, "version", bundle.getVersion().toString(), entry.get("version").getAsString());
            boolean builtIn = bundle.getBundleId() == 0 || bundle.getLocation().startsWith(DistributionFolder.LOCATION_PREFIX);
            expect(problems, name, "builtIn", builtIn, entry.get("builtIn").getAsBoolean());
        }

        // Every jar of the distribution is installed under its built-in location and running.
        for (DistributionFolder.Jar jar : jars) {
            Bundle bundle = context.getBundle(jar.location());
            if (bundle == null) {
                problems.add(jar.path().getFileName() + " is not installed under " + jar.location());
                continue;
            }
            String name = jar.symbolicName() + " (" + bundle.getBundleId() + ")";
            JsonObject entry = listed.get(bundle.getBundleId());
            String expected = jar.fragment() ? "RESOLVED" : "ACTIVE";
            expect(problems, name, "framework state", expected, Platform.stateName(bundle.getState()));
            expect(problems, name, "API state", expected, entry.get("state").getAsString());
            expect(problems, name, "fragment", jar.fragment(), entry.get("fragment").getAsBoolean());
            expect(problems, name, "symbolicName", jar.symbolicName(), entry.get("symbolicName").getAsString());
            expect(problems, name, "builtIn", true, entry.get("builtIn").getAsBoolean());
        }
        assertTrue(problems.size() + " problem(s):\n" + String.join("\n", problems), problems.isEmpty());
        // The distribution has a fragment today (osgitech.rest.sse); make sure that branch is exercised.
        assertTrue("no fragment in the distribution", jars.stream().anyMatch(DistributionFolder.Jar::fragment));
    }

    @Test
    public void infoNamesTheProfileAndVersion() throws Exception {
        Http.Response response = http.get("/api/platform/info");
        assertEquals("GET /api/platform/info: " + response, 200, response.status());
        JsonObject info = response.object();
        assertEquals(DistributionFolder.PROFILE, info.get("profile").getAsString());
        assertEquals(DistributionFolder.version(), info.get("version").getAsString());
        assertTrue(response.body(), info.get("uptimeSeconds").getAsLong() >= 0);
        assertTrue(response.body(), info.get("heapUsedBytes").getAsLong() > 0);
        assertTrue(response.body(), info.get("rssBytes").getAsLong() > 0);
    }

    @Test
    public void platformHealthListsThePlatform() {
        Http.Response response = http.get("/api/platform/health");
        assertEquals("GET /api/platform/health: " + response, 200, response.status());
        boolean platform = false;
        for (JsonElement element : response.json().getAsJsonArray()) {
            JsonObject health = element.getAsJsonObject();
            assertTrue(response.body(), List.of("OK", "WARN", "CRITICAL").contains(health.get("status").getAsString()));
            assertFalse(response.body(), health.get("name").getAsString().isBlank());
            assertFalse(response.body(), health.get("message").getAsString().isBlank());
            platform |= health.get("name").getAsString().equals("platform");
        }
        assertTrue("no 'platform' entry: " + response.body(), platform);
    }

    @Test
    public void unknownPathsAreJson404() {
        for (String path : new String[] {"/nope", "/api/nope", "/api/platform/nope", "/api/platform/bundles/999999"}) {
            http.get(path).assertError(404);
        }
    }

    @Test
    public void malformedRequestIsJson400() {
        JsonObject error = http.post("/api/platform/bundles/abc/start").assertError(400);
        assertTrue("the message should name the bad id: " + error, error.get("message").getAsString().contains("abc"));
    }

    @Test
    public void foreignOriginCannotChangeState() throws Exception {
        Bundle target = featureBundle();
        int before = target.getState();
        http.post("/api/platform/bundles/" + target.getBundleId() + "/stop", FOREIGN_ORIGIN).assertError(403);
        assertEquals("a refused request changed " + target.getSymbolicName(), Platform.stateName(before),
                Platform.stateName(target.getState()));
        // The same request from the server's own origin gets past the guard (the bad id is what is refused).
        assertNotEquals(403, http.post("/api/platform/bundles/abc/stop").status());
    }

    @Test
    public void webSocketUpgradeNeedsTheServersOrigin() throws Exception {
        http.webSocketUpgrade("/ws/video", FOREIGN_ORIGIN).assertError(403);
        http.webSocketUpgrade("/ws/video", null).assertError(403);
        // With the right Origin the guard lets it through: no endpoint at this path, so a JSON 404.
        http.webSocketUpgrade("/ws/no-such-socket", http.origin()).assertError(404);
    }

    /** A built-in CubeKVM feature bundle (not the core the API protects), else the console. */
    private Bundle featureBundle() throws Exception {
        List<String> core = List.of("org.cubekvm.api", "org.cubekvm.http", "org.cubekvm.auth", "org.cubekvm.console");
        List<DistributionFolder.Jar> features = DistributionFolder.bundles().stream()
                .filter(j -> j.symbolicName().startsWith("org.cubekvm.") && !j.fragment() && !core.contains(j.symbolicName()))
                .collect(Collectors.toList());
        String name = features.isEmpty() ? "org.cubekvm.console" : features.get(0).symbolicName();
        Bundle bundle = Platform.bySymbolicName(context, name);
        assertEquals(name + " should be running", Bundle.ACTIVE, bundle.getState());
        return bundle;
    }

    private static void expect(List<String> problems, String bundle, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            problems.add(bundle + ": " + what + " is " + actual + ", expected " + expected);
        }
    }
}
