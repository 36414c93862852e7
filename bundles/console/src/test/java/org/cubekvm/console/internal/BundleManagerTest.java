package org.cubekvm.console.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.cubekvm.api.platform.Health;
import org.cubekvm.api.platform.HealthStatus;
import org.cubekvm.api.rest.ApiException;
import org.cubekvm.testsupport.Await;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

/**
 * The console's bundle transactions against a fake framework: a failing start or health gate puts
 * back exactly what was there (bundles, the stored jars, every configuration), and a change the
 * platform died in the middle of is undone by the next start's recovery.
 */
class BundleManagerTest {
    private static final String NAME = "com.example.demo";
    private static final String PID = "com.example.demo.Settings";

    @TempDir
    static Path keys;
    static SigningFixture.Key vendor;
    @TempDir
    Path dir;
    private final FakeFramework framework = new FakeFramework();
    private Path data;

    @BeforeAll
    static void vendorKey() throws Exception {
        vendor = SigningFixture.key(keys, "vendor", null, 30);
    }

    @BeforeEach
    void platform() throws Exception {
        data = Files.createDirectories(dir.resolve("data"));
        framework.properties.put("cubekvm.data", data.toString());
        framework.configurations.put("org.cubekvm.other", Map.of("kept", "yes"));
    }

    /** A manager as the component makes it, whose health gate fails at once instead of after 15 s. */
    private BundleManager manager() {
        BundleManager manager = new BundleManager(framework.context, framework.configAdmin, framework.scr, 0);
        manager.trust().add(vendor.certificate());
        return manager;
    }

    /** An upload: the demo bundle at {@code version}, signed by the trusted vendor. */
    private Path upload(String version) throws Exception {
        Path plain = SigningFixture.bundle(dir.resolve("plain-" + version + ".jar"), NAME, version,
                Map.of("com/example/Demo.class", "version " + version));
        return SigningFixture.sign(plain, vendor, Files.createDirectories(dir.resolve("uploads")).resolve(version + ".jar"));
    }

    private Path stored(String file) {
        return data.resolve("console/bundles/" + NAME + "/" + file);
    }

    private Path journal() {
        return data.resolve("console/journal.properties");
    }

    /** The demo bundle 1.0.0 installed through the console, with its configuration, as the starting point. */
    private Bundle installedOne(BundleManager manager) throws Exception {
        framework.onStart.put(NAME + "@1.0.0", bundle -> framework.configurations.putIfAbsent(PID, Map.of("interval", 5)));
        Bundle bundle = manager.install(upload("1.0.0"));
        assertEquals(Bundle.ACTIVE, bundle.getState());
        assertEquals(Map.of("interval", 5), framework.configurations.get(PID));
        return bundle;
    }

    @Test
    void anInstallWhoseStartFailsLeavesNothingBehind() throws Exception {
        BundleManager manager = manager();
        Map<String, String> bundlesBefore = framework.bundleList();
        Map<String, Map<String, Object>> configBefore = framework.configurationCopy();
        // Its activator writes a configuration of its own, then throws.
        framework.onStart.put(NAME + "@1.0.0", bundle -> {
            framework.configurations.put(PID, Map.of("interval", 5));
            framework.configurations.put("org.cubekvm.other", Map.of("kept", "changed by the failing bundle"));
            throw new BundleException("activator threw");
        });

        ApiException e = assertThrows(ApiException.class, () -> manager.install(upload("1.0.0")));

        assertEquals(422, e.status());
        assertEquals("install_failed", e.code());
        assertTrue(e.getMessage().contains("activator threw"), e.getMessage());
        assertEquals(bundlesBefore, framework.bundleList(), "the bundle was removed again");
        assertEquals(configBefore, framework.configurationCopy(), "its configuration removed, the other one put back");
        assertFalse(Files.exists(stored("current.jar")), "its jar is not kept");
        assertFalse(Files.exists(journal()), "the transaction ended");
    }

    @Test
    void anUpdateThatFailsTheHealthGateRestoresThePreviousRevisionAndConfiguration() throws Exception {
        BundleManager manager = manager();
        Bundle bundle = installedOne(manager);
        byte[] oneJar = Files.readAllBytes(stored("current.jar"));
        Map<String, String> bundlesBefore = framework.bundleList();
        Map<String, Map<String, Object>> configBefore = framework.configurationCopy();
        // 2.0.0 starts, rewrites the configuration, but its component fails to activate.
        framework.onStart.put(NAME + "@2.0.0", started -> framework.configurations.put(PID, Map.of("interval", 60, "mode", "new")));
        framework.componentState.put(NAME + "@2.0.0", ComponentConfigurationDTO.FAILED_ACTIVATION);

        ApiException e = assertThrows(ApiException.class, () -> manager.update(bundle, upload("2.0.0"), false));

        assertEquals(422, e.status());
        assertEquals("update_failed", e.code());
        assertTrue(e.getMessage().contains("version 1.0.0 is back") && e.getMessage().contains("activation failed"),
                e.getMessage());
        assertEquals(bundlesBefore, framework.bundleList(), "1.0.0 active again, same bundle, same location");
        assertEquals(configBefore, framework.configurationCopy(), "the configuration as before the update");
        assertArrayEquals(oneJar, Files.readAllBytes(stored("current.jar")), "the stored jar is 1.0.0's again");
        assertFalse(Files.exists(stored("previous.jar")));
        assertFalse(Files.exists(journal()));
    }

    @Test
    void aSuccessfulUpdateKeepsTheNewRevisionAndDropsThePreviousJar() throws Exception {
        BundleManager manager = manager();
        Bundle bundle = installedOne(manager);

        manager.update(bundle, upload("2.0.0"), false);

        assertEquals("2.0.0", bundle.getVersion().toString());
        assertEquals(Bundle.ACTIVE, bundle.getState());
        assertFalse(Files.exists(stored("previous.jar")), "no rollback copy once the change is done");
        assertFalse(Files.exists(journal()));
        ApiException older = assertThrows(ApiException.class, () -> manager.update(bundle, upload("1.0.0"), false));
        assertEquals("downgrade", older.code());
        assertEquals("2.0.0", bundle.getVersion().toString(), "a refused downgrade changes nothing");
    }

    @Test
    void anUpdateInterruptedByACrashIsRolledBackToThePreviousRevisionAtTheNextStart() throws Exception {
        BundleManager before = manager();
        Bundle bundle = installedOne(before);
        byte[] oneJar = Files.readAllBytes(stored("current.jar"));

        // The platform "dies" right after the framework took the new jar (the crash tests' hook stops the change there).
        framework.properties.put(BundleManager.PAUSE_PROPERTY, "updated");
        BundleManager dying = manager();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Path upload = upload("2.0.0");
        Thread change = new Thread(() -> {
            try {
                dying.update(bundle, upload, false);
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "test-interrupted-update");
        change.start();
        Await.until("the update to stop at the crash hook", () -> Files.exists(data.resolve("console/paused")));
        assertEquals("2.0.0", bundle.getVersion().toString(), "the framework holds the new revision, not started");
        assertTrue(Files.exists(journal()), "the journal says an update is in progress");

        // The next start.
        framework.properties.remove(BundleManager.PAUSE_PROPERTY);
        BundleManager next = manager();

        assertEquals("1.0.0", bundle.getVersion().toString(), "the previous revision is back");
        assertEquals(Bundle.ACTIVE, bundle.getState());
        assertArrayEquals(oneJar, Files.readAllBytes(stored("current.jar")));
        assertFalse(Files.exists(stored("previous.jar")));
        assertFalse(Files.exists(journal()), "recovery ended the journal");
        Health health = next.health().get(0);
        assertEquals(HealthStatus.WARN, health.status());
        assertTrue(health.message().contains("previous revision 1.0.0 is ACTIVE"), health.message());

        dying.deactivate(); // lets the stopped thread end (a real crash would have ended it)
        change.join();
    }

    @Test
    void anInstallInterruptedByACrashIsRemovedAtTheNextStart() throws Exception {
        framework.properties.put(BundleManager.PAUSE_PROPERTY, "installed");
        BundleManager dying = manager();
        Map<String, String> bundlesBefore = framework.bundleList();
        Path upload = upload("1.0.0");
        Thread change = new Thread(() -> {
            try {
                dying.install(upload);
            } catch (RuntimeException expected) {
                // after the "crash" the bundle is gone under it
            }
        }, "test-interrupted-install");
        change.start();
        Await.until("the install to stop at the crash hook", () -> Files.exists(data.resolve("console/paused")));
        assertTrue(framework.bundleList().containsKey(NAME), "installed, not started");

        framework.properties.remove(BundleManager.PAUSE_PROPERTY);
        BundleManager next = manager();

        assertEquals(bundlesBefore, framework.bundleList(), "the half-done install was removed");
        assertFalse(Files.exists(stored("current.jar")));
        assertFalse(Files.exists(journal()));
        assertTrue(next.health().get(0).message().contains("it is not installed"), next.health().get(0).message());

        dying.deactivate();
        change.join();
    }

    @Test
    void withoutAnInterruptedChangeTheHealthSaysSo() {
        BundleManager manager = manager();
        List<Health> health = manager.health();
        assertEquals(HealthStatus.OK, health.get(0).status());
        assertNull(framework.bundleList().get(NAME));
    }
}
