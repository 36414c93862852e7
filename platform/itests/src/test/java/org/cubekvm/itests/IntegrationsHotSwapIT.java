package org.cubekvm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Dictionary;
import java.util.Hashtable;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Hot-swap hygiene of the integration bundles (metrics, MQTT connected to a real broker, Redfish):
 * each is updated and refreshed while in use, works again afterwards, and no class loader of its old
 * revision stays reachable (no thread, listener or static cache holds it).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IntegrationsHotSwapIT extends PlatformTest {
    @Test
    public void eachIntegrationBundleLeavesNoClassLoaderBehind() throws Exception {
        Path work = Paths.get(System.getProperty("cubekvm.itest.work", "target/itest-work")).toAbsolutePath();
        try (Mosquitto broker = new Mosquitto(Files.createTempDirectory(Files.createDirectories(work), "mosquitto-")).start()) {
            Configuration mqtt = context.getService(context.getServiceReference(ConfigurationAdmin.class))
                    .getConfiguration("org.cubekvm.mqtt", "?");
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("host", "127.0.0.1");
            properties.put("port", broker.port);
            properties.put("deviceId", "swap");
            mqtt.update(properties);
            try {
                String online = "cubekvm/swap/availability";
                MqttIT.await("MQTT online", () -> "online".equals(broker.retained(online)) ? "yes" : null, 30);
                http.await("/metrics", r -> r.status() == 200, "metrics");
                http.await("/redfish/v1", r -> r.status() == 200, "redfish");

                swap("org.cubekvm.metrics", () -> http.await("/metrics", r -> r.status() == 200, "metrics again"));
                swap("org.cubekvm.redfish", () -> http.await("/redfish/v1", r -> r.status() == 200, "redfish again"));
                swap("org.cubekvm.mqtt", () -> MqttIT.await("MQTT online again", () -> {
                    String inventory = broker.retained("cubekvm/swap/inventory");
                    return "online".equals(broker.retained(online)) && inventory != null ? "yes" : null;
                }, 30));
            } finally {
                mqtt.delete();
            }
        }
    }

    interface Check {
        void run() throws Exception;
    }

    private void swap(String name, Check worksAgain) throws Exception {
        Bundle bundle = Platform.bySymbolicName(context, name);
        assertNotNull(name + " is installed", bundle);
        WeakReference<ClassLoader> old = BundleSwap.update(context, bundle);
        assertEquals(name + " ACTIVE after the update", Bundle.ACTIVE, bundle.getState());
        worksAgain.run();
        BundleSwap.awaitCollected(name, old);
    }
}
