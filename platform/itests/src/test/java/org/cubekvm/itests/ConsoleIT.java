package org.cubekvm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.atomic.AtomicReference;
import org.cubekvm.testsupport.Await;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Issue 16, acceptance 1 and 2 against the real distribution: the example vendor bundle, signed
 * by the build with the test vendor key, is installed through the console while two MJPEG viewers
 * and one H.264 viewer stream (they keep getting frames), its endpoint and toolbar extension work,
 * and uninstalling removes them. An unsigned jar, a jar changed after signing, a jar signed by an
 * untrusted key and a bundle whose activator throws are each refused or rolled back with the
 * bundles, configuration and services exactly as before.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConsoleIT extends PlatformTest {
    private static final String JAR = "application/java-archive";
    private static final String EXAMPLE = "com.example.cubekvm.jiggler";

    private Path work;

    @Before
    public void trustTheTestVendor() throws Exception {
        work = Files.createTempDirectory(Paths.get(System.getProperty("cubekvm.itest.work", "target/itest-work")), "console-");
        Http.Response trusted = http.sendBytes("POST", "/api/platform/trust", "application/x-pem-file",
                VendorJars.testVendorPem().getBytes(StandardCharsets.US_ASCII));
        assertEquals("POST /api/platform/trust: " + trusted, 201, trusted.status());
    }

    @Test
    public void theExampleVendorBundleInstallsWhileViewersStreamAndUninstallsCleanly() throws Exception {
        http.await("/api/snapshot", r -> r.status() == 200, "a first picture");
        try (Viewers viewers = new Viewers()) {
            viewers.mjpeg(http, "mjpeg-1");
            viewers.mjpeg(http, "mjpeg-2");
            viewers.h264(http, "h264");
            viewers.awaitMoreThan(new long[] {0, 0, 0}, "before the install");

            Http.Response installed = http.sendBytes("POST", "/api/platform/bundles", JAR, Files.readAllBytes(VendorJars.example()));
            assertEquals("POST /api/platform/bundles: " + installed, 201, installed.status());
            JsonObject info = installed.object();
            assertEquals(EXAMPLE, info.get("symbolicName").getAsString());
            assertEquals("ACTIVE", info.get("state").getAsString());
            assertEquals("1.0.0", info.get("version").getAsString());
            assertEquals("Example Vendor", info.get("vendor").getAsString());
            assertTrue("signer: " + info, info.get("signer").getAsString().contains("CubeKVM test vendor"));
            assertFalse(info.get("builtIn").getAsBoolean());
            long id = info.get("id").getAsLong();
            try {
                http.await("/api/vendor/jiggler", r -> r.status() == 200, "the vendor endpoint");
                Http.Response jiggled = http.post("/api/vendor/jiggler/jiggle");
                assertEquals("POST /api/vendor/jiggler/jiggle: " + jiggled, 200, jiggled.status());
                assertEquals(1, jiggled.object().get("moves").getAsLong());
                assertTrue("the toolbar extension is listed", extensionListed());
                Http.Response module = http.get("/api/vendor/jiggler/ui.js");
                assertEquals(200, module.status());
                assertTrue(module.contentType(), module.contentType().startsWith("text/javascript"));
                assertTrue(module.body(), module.body().contains("export function activate(button)"));
                String health = http.get("/api/platform/health").body();
                assertTrue("the health checks include the vendor's: " + health, health.contains("example.jiggler"));
                for (String check : new String[] {"\"components\"", "\"video.encoder\"", "\"hid.sink\"", "\"memory\"", "\"disk\""}) {
                    assertTrue(check + " in " + health, health.contains(check));
                }
                configurationThroughTheMetatype();
                viewers.awaitMoreThan(viewers.counts(), "after the install");
            } finally {
                Http.Response removed = http.delete("/api/platform/bundles/" + id);
                assertEquals("DELETE /api/platform/bundles/" + id + ": " + removed, 204, removed.status());
            }
            assertEquals(null, Platform.bySymbolicName(context, EXAMPLE));
            http.await("/api/vendor/jiggler", r -> r.status() == 404, "the vendor endpoint gone");
            assertFalse("the toolbar extension is gone", extensionListed());
            viewers.awaitMoreThan(viewers.counts(), "after the uninstall");
        }
    }

    @Test
    public void refusedAndRolledBackChangesLeaveBundlesConfigurationAndServicesAsTheyWere() throws Exception {
        Path example = VendorJars.example();
        Path unsigned = VendorJars.unsigned(example, work.resolve("unsigned.jar"));
        refused(unsigned, 422, "unsigned");
        refused(VendorJars.tampered(example, work.resolve("tampered.jar"), "web/jiggler.js"), 422, "tampered");
        refused(VendorJars.signedByStranger(unsigned, work), 422, "untrusted");
        JsonObject error = refused(VendorJars.throwingActivator(work), 422, "install_failed");
        assertTrue(error.toString(), error.get("message").getAsString().contains("this activator always fails"));
        assertEquals(null, Platform.bySymbolicName(context, "com.example.throwing"));
    }

    @Test
    public void anUpdateWhoseActivatorThrowsIsRolledBackToThePreviousRevision() throws Exception {
        Http.Response installed = http.sendBytes("POST", "/api/platform/bundles", JAR, Files.readAllBytes(VendorJars.example()));
        assertEquals("POST /api/platform/bundles: " + installed, 201, installed.status());
        long id = installed.object().get("id").getAsLong();
        try {
            http.await("/api/vendor/jiggler", r -> r.status() == 200, "the vendor endpoint");
            PlatformState before = PlatformState.of(context);
            JsonObject error = http.sendBytes("PUT", "/api/platform/bundles/" + id, JAR,
                    Files.readAllBytes(VendorJars.throwingActivator(work, EXAMPLE, "2.0.0"))).assertError(422);
            assertEquals(error.toString(), "update_failed", error.get("error").getAsString());
            assertTrue(error.toString(), error.get("message").getAsString().contains("version 1.0.0 is back"));
            Bundle bundle = context.getBundle(id);
            assertEquals("1.0.0", bundle.getVersion().toString());
            assertEquals(Bundle.ACTIVE, bundle.getState());
            // The previous revision's components and services come back with it.
            awaitState(before);
            http.await("/api/vendor/jiggler", r -> r.status() == 200, "the vendor endpoint of the previous revision");
        } finally {
            assertEquals(204, http.delete("/api/platform/bundles/" + id).status());
        }
    }

    @Test
    public void thePlatformRuntimeIsReplacedOnlyByAnUpdateSignedWithTheBuildKey() throws Exception {
        Bundle auth = Platform.bySymbolicName(context, "org.cubekvm.auth");
        PlatformState before = PlatformState.of(context);
        Http.Response response = http.sendBytes("PUT", "/api/platform/bundles/" + auth.getBundleId(), JAR,
                Files.readAllBytes(VendorJars.impostor(work, "org.cubekvm.auth")));
        JsonObject error = response.assertError(403);
        assertEquals(error.toString(), "not_signed_by_build", error.get("error").getAsString());
        assertEquals(before, PlatformState.of(context));

        Bundle console = Platform.bySymbolicName(context, "org.cubekvm.console");
        JsonObject protectedBundle = http.delete("/api/platform/bundles/" + console.getBundleId() + "?force=true").assertError(409);
        assertEquals("protected_bundle", protectedBundle.get("error").getAsString());
        Bundle virtual = Platform.bySymbolicName(context, "org.cubekvm.virtual");
        JsonObject builtIn = http.delete("/api/platform/bundles/" + virtual.getBundleId()).assertError(409);
        assertEquals("built_in", builtIn.get("error").getAsString());
        assertEquals(before, PlatformState.of(context));
    }

    @Test
    public void admitsCertificatesToTheTrustStoreAndRemovesThem() throws Exception {
        JsonObject bad = http.sendBytes("POST", "/api/platform/trust", "application/x-pem-file",
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII)).assertError(400);
        assertEquals("bad_certificate", bad.get("error").getAsString());
        Http.Response added = http.sendBytes("POST", "/api/platform/trust", "application/x-pem-file",
                VendorJars.testVendorPem().getBytes(StandardCharsets.US_ASCII));
        JsonObject certificate = added.object();
        for (String field : new String[] {"id", "subject", "sha256", "notAfter"}) {
            assertTrue(field + " in " + certificate, certificate.has(field));
        }
        JsonArray all = http.get("/api/platform/trust").json().getAsJsonArray();
        boolean build = false;
        boolean vendor = false;
        for (JsonElement element : all) {
            build |= element.getAsJsonObject().get("id").getAsString().equals("build");
            vendor |= element.getAsJsonObject().get("id").getAsString().equals(certificate.get("id").getAsString());
        }
        assertTrue("the build's certificate is listed: " + all, build);
        assertTrue("the vendor's certificate is listed: " + all, vendor);
        assertEquals(409, http.delete("/api/platform/trust/build").status());
        String id = certificate.get("id").getAsString();
        assertEquals(204, http.delete("/api/platform/trust/" + id).status());
        // Without it, the vendor's bundle is untrusted.
        refused(VendorJars.example(), 422, "untrusted");
        assertEquals(404, http.delete("/api/platform/trust/" + id).status());
    }

    /** The vendor's typed configuration: described by its metatype, bad values refused naming the field, good ones applied. */
    private void configurationThroughTheMetatype() {
        String path = "/api/platform/config/" + EXAMPLE;
        JsonObject description = http.get(path).object();
        assertEquals(EXAMPLE, description.get("pid").getAsString());
        JsonObject interval = null;
        for (JsonElement attribute : description.getAsJsonObject("metatype").getAsJsonArray("attributes")) {
            if (attribute.getAsJsonObject().get("id").getAsString().equals("intervalSeconds")) {
                interval = attribute.getAsJsonObject();
            }
        }
        assertTrue("intervalSeconds in " + description, interval != null);
        assertEquals("Integer", interval.get("type").getAsString());
        PlatformStateCheck before = new PlatformStateCheck(http.get(path).body());
        JsonObject tooLong = http.send("PUT", path, "{\"intervalSeconds\": 99999}", http.origin()).assertError(400);
        assertTrue(tooLong.toString(), tooLong.get("message").getAsString().startsWith("intervalSeconds"));
        JsonObject unknown = http.send("PUT", path, "{\"nope\": 1}", http.origin()).assertError(400);
        assertTrue(unknown.toString(), unknown.get("message").getAsString().startsWith("nope"));
        JsonObject notANumber = http.send("PUT", path, "{\"intervalSeconds\": \"soon\"}", http.origin()).assertError(400);
        assertTrue(notANumber.toString(), notANumber.get("message").getAsString().startsWith("intervalSeconds"));
        before.assertSame(http.get(path).body());
        Http.Response set = http.send("PUT", path, "{\"intervalSeconds\": 30}", http.origin());
        assertEquals("PUT " + path + ": " + set, 200, set.status());
        assertEquals(30, set.object().getAsJsonObject("properties").get("intervalSeconds").getAsInt());
        http.await("/api/vendor/jiggler", r -> r.status() == 200 && r.object().get("intervalSeconds").getAsInt() == 30,
                "the component running with the new interval");
    }

    /** A GET answer that must not change. */
    private record PlatformStateCheck(String body) {
        void assertSame(String now) {
            assertEquals("a refused PUT changed the configuration", body, now);
        }
    }

    private void awaitState(PlatformState expected) throws Exception {
        AtomicReference<PlatformState> now = new AtomicReference<>();
        try {
            Await.until("the platform to be as before the change", Http.DEADLINE, () -> {
                try {
                    now.set(PlatformState.of(context));
                } catch (Exception e) {
                    throw new IllegalStateException("cannot read the platform's state: " + e, e);
                }
                return now.get().equals(expected);
            });
        } catch (AssertionError timedOut) {
            assertEquals("the platform after the rollback", expected, now.get());
        }
    }

    private JsonObject refused(Path jar, int status, String code) throws Exception {
        PlatformState before = PlatformState.of(context);
        JsonObject error = http.sendBytes("POST", "/api/platform/bundles", JAR, Files.readAllBytes(jar)).assertError(status);
        assertEquals(jar.getFileName() + ": " + error, code, error.get("error").getAsString());
        assertEquals(jar.getFileName() + " changed the platform", before, PlatformState.of(context));
        return error;
    }

    private boolean extensionListed() {
        for (JsonElement element : http.get("/api/platform/ui/extensions").json().getAsJsonArray()) {
            if (element.getAsJsonObject().get("id").getAsString().equals("com.example.jiggler")) {
                return true;
            }
        }
        return false;
    }
}
