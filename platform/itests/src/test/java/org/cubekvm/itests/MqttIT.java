package org.cubekvm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.cubekvm.testsupport.Await;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Issue 19, acceptance 1: against a real Mosquitto broker the device announces itself to Home
 * Assistant with retained discovery messages carrying valid payloads, says {@code online}
 * (retained, last will {@code offline}), publishes retained state and its inventory; the power
 * switch turns the virtual machine off and on and the LED state follows; after the broker is killed and started again (empty: no persistence) it reconnects
 * within 10 s and publishes all of it again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MqttIT extends PlatformTest {
    private static final String DEVICE = "it-kvm";
    private static final String BASE = "cubekvm/" + DEVICE;
    private Mosquitto broker;
    private Configuration configuration;

    @Before
    public void broker() throws Exception {
        Path work = Paths.get(System.getProperty("cubekvm.itest.work", "target/itest-work")).toAbsolutePath();
        broker = new Mosquitto(Files.createTempDirectory(Files.createDirectories(work), "mosquitto-")).start();
        ServiceReference<ConfigurationAdmin> reference = context.getServiceReference(ConfigurationAdmin.class);
        assertNotNull("ConfigurationAdmin", reference);
        configuration = context.getService(reference).getConfiguration("org.cubekvm.mqtt", "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("host", "127.0.0.1");
        properties.put("port", broker.port);
        properties.put("deviceId", DEVICE);
        properties.put("maxReconnectSeconds", 2);
        configuration.update(properties);
    }

    @After
    public void stop() throws Exception {
        if (configuration != null) {
            configuration.delete();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    public void discoveryStateAndReconnection() throws Exception {
        for (String name : List.of("org.eclipse.paho.client.mqttv3", "org.cubekvm.mqtt")) {
            org.osgi.framework.Bundle bundle = Platform.bySymbolicName(context, name);
            assertNotNull(name + " is installed", bundle);
            assertEquals(name + " is ACTIVE", "ACTIVE", Platform.stateName(bundle.getState()));
        }
        String online = await("availability online", () -> "online".equals(broker.retained(BASE + "/availability")) ? "yes" : null, 30);
        assertEquals("yes", online);

        Map<String, JsonObject> discovery = discovery(7);
        for (String object : List.of("sensor/it-kvm/stream_viewers", "binary_sensor/it-kvm/hid_online",
                "camera/it-kvm/snapshot", "switch/it-kvm/power", "button/it-kvm/reset", "binary_sensor/it-kvm/power_led",
                "binary_sensor/it-kvm/hdd_led")) {
            JsonObject payload = discovery.get("homeassistant/" + object + "/config");
            assertNotNull("discovery of " + object + " in " + discovery.keySet(), payload);
            assertEquals(BASE + "/availability", payload.get("availability_topic").getAsString());
            assertTrue(payload.get("unique_id").getAsString().startsWith("cubekvm_it-kvm_"));
            assertEquals("cubekvm_it-kvm", payload.getAsJsonObject("device").getAsJsonArray("identifiers").get(0).getAsString());
        }
        assertEquals(BASE + "/stream/viewers",
                discovery.get("homeassistant/sensor/it-kvm/stream_viewers/config").get("state_topic").getAsString());
        assertEquals(BASE + "/snapshot", discovery.get("homeassistant/camera/it-kvm/snapshot/config").get("topic").getAsString());
        JsonObject power = discovery.get("homeassistant/switch/it-kvm/power/config");
        assertEquals(BASE + "/atx/power/set", power.get("command_topic").getAsString());
        assertEquals(BASE + "/atx/power/state", power.get("state_topic").getAsString());
        assertEquals(BASE + "/atx/reset/press",
                discovery.get("homeassistant/button/it-kvm/reset/config").get("command_topic").getAsString());

        // The power switch drives the virtual machine; the LED state follows.
        assertEquals("ON", await("power LED on", () -> broker.retained(BASE + "/atx/power/state"), 30));
        assertEquals(true, machinePower());
        broker.publish(BASE + "/atx/power/set", "OFF");
        await("power LED off", () -> "OFF".equals(broker.retained(BASE + "/atx/power/state")) ? "yes" : null, 30);
        assertEquals("the virtual machine is off", false, machinePower());
        // Nothing runs any more: wait for the ATX action to finish before the next press.
        await("power on again", () -> {
            broker.publish(BASE + "/atx/power/set", "ON");
            return "ON".equals(broker.retained(BASE + "/atx/power/state")) ? "yes" : null;
        }, 30);
        assertEquals("the virtual machine is on", true, machinePower());

        assertEquals("0", await("viewers state", () -> broker.retained(BASE + "/stream/viewers"), 30));
        assertEquals("ON", await("HID online state", () -> broker.retained(BASE + "/hid/online"), 30));
        JsonObject inventory = JsonParser.parseString(await("inventory", () -> broker.retained(BASE + "/inventory"), 30))
                .getAsJsonObject();
        assertEquals(DEVICE, inventory.get("device").getAsString());
        assertTrue(inventory.toString(), inventory.toString().contains("\"name\":\"org.cubekvm.mqtt\""));

        // The camera: asking for a snapshot publishes a JPEG of the screen, retained.
        broker.publish(BASE + "/snapshot/update", "now");
        String jpeg = await("a snapshot", () -> broker.retainedHex(BASE + "/snapshot"), 30);
        assertTrue("a JPEG (SOI marker): " + jpeg.substring(0, Math.min(16, jpeg.length())), jpeg.startsWith("ffd8"));

        // Kill the broker; a new, empty one on the same port gets everything again. How soon is the
        // back-off's cap (maxReconnectSeconds, Backoff in MqttSettingsTest), not timed here.
        broker.kill();
        broker.start();
        await("availability online after the broker restarted",
                () -> "online".equals(broker.retained(BASE + "/availability")) ? "yes" : null, 30);
        assertEquals(7, discovery(7).size());
        assertEquals("ON", await("power state again", () -> broker.retained(BASE + "/atx/power/state"), 30));
        assertEquals("0", await("viewers state again", () -> broker.retained(BASE + "/stream/viewers"), 30));
        assertNotNull(await("inventory again", () -> broker.retained(BASE + "/inventory"), 30));
    }

    /**
     * {@code role=viewer} makes MQTT read-only: power commands are refused (and said so, retained, on
     * {@code last_error}) and the machine stays on.
     */
    @Test
    public void theViewerRoleMakesMqttReadOnly() throws Exception {
        await("availability online", () -> "online".equals(broker.retained(BASE + "/availability")) ? "yes" : null, 30);
        Dictionary<String, Object> properties = configuration.getProperties();
        properties.put("role", "viewer");
        configuration.update(properties);
        // Until the component restarted with the new role, a malformed reset is refused as bad_value;
        // with the viewer role, as forbidden (the role is checked first). Harmless either way.
        await("the bridge running with the viewer role", () -> {
            broker.publish(BASE + "/atx/reset/press", "NOT-A-PRESS");
            String error = broker.retained(BASE + "/last_error");
            return error != null && error.contains("\"forbidden\"") ? error : null;
        }, 30);
        broker.publish(BASE + "/atx/power/set", "OFF");
        await("the power command refused", () -> {
            String error = broker.retained(BASE + "/last_error");
            return error != null && error.contains("/atx/power/set") && error.contains("\"forbidden\"") ? error : null;
        }, 30);
        assertEquals("the virtual machine is still on", true, machinePower());
        assertEquals("ON", broker.retained(BASE + "/atx/power/state"));
    }

    /**
     * Acceptance 5: fleet commands are JWS signed by a key of the trust store. An unsigned command,
     * a command whose signature does not verify, one signed by a key the device does not trust and
     * one for another device install nothing and say why on the result topic; so does a correctly
     * signed command naming a jar whose signature is bad (an entry changed after signing). The
     * example vendor bundle named by a signed command installs through the console's transaction
     * and the inventory shows it.
     */
    @Test
    public void fleetInstallGoesThroughTheConsoleAndABadSignatureChangesNothing() throws Exception {
        Path work = Files.createTempDirectory(Paths.get(System.getProperty("cubekvm.itest.work", "target/itest-work"))
                .toAbsolutePath(), "fleet-");
        Http.Response trusted = http.sendBytes("POST", "/api/platform/trust", "application/x-pem-file",
                VendorJars.testVendorPem().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue("POST /api/platform/trust: " + trusted, trusted.status() == 201 || trusted.status() == 409);
        Files.copy(VendorJars.example(), work.resolve("example.jar"));
        VendorJars.tampered(VendorJars.example(), work.resolve("tampered.jar"), "web/jiggler.js");
        await("availability online", () -> "online".equals(broker.retained(BASE + "/availability")) ? "yes" : null, 30);
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process server = new ProcessBuilder("/usr/bin/python3", "-m", "http.server", "--bind", "127.0.0.1",
                "--directory", work.toString(), Integer.toString(port)).redirectErrorStream(true)
                .redirectOutput(work.resolve("http.log").toFile()).start();
        try {
            String origin = "http://127.0.0.1:" + port;
            await("the jar server", () -> {
                try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                    return "up";
                } catch (java.io.IOException notYet) {
                    return null;
                }
            }, 30);
            String before = broker.retained(BASE + "/inventory");

            java.security.KeyStore vendor = keyStore(VendorJars.keys().resolve("test-vendor.p12"));
            java.security.KeyStore stranger = stranger(work);
            String good = command("good", origin + "/example.jar", DEVICE);
            List<Long> bundlesBefore = bundleIds();

            assertRefused(fleet("plain", command("plain", origin + "/example.jar", DEVICE)), "unsigned", before, bundlesBefore);
            String signed = jws(vendor, "test-vendor", command("badsig", origin + "/example.jar", DEVICE));
            String[] parts = signed.split("\\.");
            byte[] signature = java.util.Base64.getUrlDecoder().decode(parts[2]);
            signature[signature.length / 2] ^= 1;
            String badSignature = parts[0] + "." + parts[1] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
            assertRefused(fleet("badsig", badSignature), "bad_signature", before, bundlesBefore);
            assertRefused(fleet("stranger", jws(stranger, "stranger", command("stranger", origin + "/example.jar", DEVICE))),
                    "untrusted", before, bundlesBefore);
            assertRefused(fleet("elsewhere", jws(vendor, "test-vendor", command("elsewhere", origin + "/example.jar", "other-kvm"))),
                    "bad_command", before, bundlesBefore);
            assertRefused(fleet("bad", jws(vendor, "test-vendor", command("bad", origin + "/tampered.jar", "*"))),
                    "tampered", before, bundlesBefore);

            JsonObject installed = fleet("good", jws(vendor, "test-vendor", good));
            assertTrue(installed.toString(), installed.get("ok").getAsBoolean());
            assertEquals("com.example.cubekvm.jiggler", installed.get("symbolicName").getAsString());
            assertEquals("ACTIVE", Platform.stateName(Platform.bySymbolicName(context, "com.example.cubekvm.jiggler").getState()));
            await("the inventory lists the vendor bundle", () -> {
                String inventory = broker.retained(BASE + "/inventory");
                return inventory != null && inventory.contains("\"name\":\"com.example.cubekvm.jiggler\"") ? inventory : null;
            }, 30);
        } finally {
            server.destroyForcibly();
            org.osgi.framework.Bundle example = Platform.bySymbolicName(context, "com.example.cubekvm.jiggler");
            if (example != null) {
                http.delete("/api/platform/bundles/" + example.getBundleId());
            }
        }
    }

    /** A fleet command's JSON (what gets signed). */
    private static String command(String id, String url, String device) {
        JsonObject command = new JsonObject();
        command.addProperty("id", id);
        command.addProperty("action", "install");
        command.addProperty("url", url);
        command.addProperty("device", device);
        command.addProperty("expires", java.time.Instant.now().plusSeconds(3600).toString());
        return command.toString();
    }

    /** The command as a compact JWS (ES256) with the signer's certificate in x5c, as docs/integrations.md describes. */
    private static String jws(java.security.KeyStore store, String alias, String payload) throws Exception {
        java.security.cert.Certificate certificate = store.getCertificate(alias);
        JsonObject header = new JsonObject();
        header.addProperty("alg", "ES256");
        com.google.gson.JsonArray x5c = new com.google.gson.JsonArray();
        x5c.add(java.util.Base64.getEncoder().encodeToString(certificate.getEncoded()));
        header.add("x5c", x5c);
        java.util.Base64.Encoder url = java.util.Base64.getUrlEncoder().withoutPadding();
        String input = url.encodeToString(header.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "."
                + url.encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.security.Signature signer = java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign((java.security.PrivateKey) store.getKey(alias, VendorJars.STOREPASS.toCharArray()));
        signer.update(input.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return input + "." + url.encodeToString(signer.sign());
    }

    private static java.security.KeyStore keyStore(Path file) throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (java.io.InputStream in = Files.newInputStream(file)) {
            store.load(in, VendorJars.STOREPASS.toCharArray());
        }
        return store;
    }

    /** An EC key with a self-signed certificate that no trust store holds. */
    private static java.security.KeyStore stranger(Path dir) throws Exception {
        Path store = dir.resolve("stranger.p12");
        VendorJars.run(List.of(VendorJars.tool("keytool"), "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", VendorJars.STOREPASS, "-alias", "stranger", "-keyalg", "EC", "-groupname", "secp256r1",
                "-validity", "30", "-dname", "CN=Stranger, O=Nobody"));
        return keyStore(store);
    }

    private List<Long> bundleIds() {
        return java.util.Arrays.stream(context.getBundles()).map(org.osgi.framework.Bundle::getBundleId).sorted().toList();
    }

    /** A refused command: the reason on the result topic, no bundle more or less, the inventory as before. */
    private void assertRefused(JsonObject result, String code, String inventoryBefore, List<Long> bundlesBefore)
            throws Exception {
        assertEquals(result.toString(), false, result.get("ok").getAsBoolean());
        assertEquals(result.toString(), code, result.get("error").getAsString());
        assertEquals(null, Platform.bySymbolicName(context, "com.example.cubekvm.jiggler"));
        assertEquals("no bundle was installed or removed", bundlesBefore, bundleIds());
        assertEquals("the inventory is unchanged", inventoryBefore, broker.retained(BASE + "/inventory"));
    }

    private boolean machinePower() {
        return http.get("/api/virtual/state").object().get("power").getAsBoolean();
    }

    /** Publishes a fleet command and returns the (retained) result the device publishes for its id. */
    private JsonObject fleet(String id, String command) throws Exception {
        broker.publish(BASE + "/fleet/command", command);
        java.util.concurrent.atomic.AtomicReference<String> last = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            return await("the result of fleet command " + id, () -> {
                String result = broker.retained(BASE + "/fleet/result");
                last.set(result);
                JsonObject object = result == null ? null : JsonParser.parseString(result).getAsJsonObject();
                return object != null && object.has("id") && id.equals(object.get("id").getAsString()) ? object : null;
            }, 90);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the last result was " + last.get(), e);
        }
    }

    static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private Map<String, JsonObject> discovery(int count) throws Exception {
        Map<String, JsonObject> out = new TreeMap<>();
        for (Mosquitto.Message message : broker.subscribe("homeassistant/#", count, 10)) {
            assertTrue("discovery message " + message.topic() + " is retained", message.retained());
            out.put(message.topic(), JsonParser.parseString(message.payload()).getAsJsonObject());
        }
        return out;
    }

    /** Polls {@code check} until it returns non-null, failing after {@code seconds}. */
    static <T> T await(String what, Callable<T> check, int seconds) {
        return Await.value(what, Duration.ofSeconds(seconds), () -> {
            try {
                return check.call();
            } catch (Exception e) {
                throw new IllegalStateException(what + ": " + e, e);
            }
        });
    }
}
