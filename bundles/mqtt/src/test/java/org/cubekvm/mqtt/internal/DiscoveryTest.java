package org.cubekvm.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
    private final MqttSettings settings = MqttSettings.of(
            MqttSettingsTest.config("broker", 1883, "cubekvm", "homeassistant", "kvm1", "operator"));
    private final Topics topics = Topics.of(settings);

    @Test
    void withAtxTheDeviceHasAllSevenEntitiesWithTheirRequiredKeys() {
        Map<String, String> messages = Discovery.messages(settings, topics, "1.2.3", true);
        assertEquals(Set.of("homeassistant/switch/kvm1/power/config", "homeassistant/button/kvm1/reset/config",
                "homeassistant/binary_sensor/kvm1/power_led/config", "homeassistant/binary_sensor/kvm1/hdd_led/config",
                "homeassistant/sensor/kvm1/stream_viewers/config", "homeassistant/binary_sensor/kvm1/hid_online/config",
                "homeassistant/camera/kvm1/snapshot/config"), messages.keySet());
        for (Map.Entry<String, String> message : messages.entrySet()) {
            JsonObject payload = JsonParser.parseString(message.getValue()).getAsJsonObject();
            String component = message.getKey().split("/")[1];
            assertTrue(payload.get("unique_id").getAsString().startsWith("cubekvm_kvm1_"), message.getKey());
            assertEquals("cubekvm/kvm1/availability", payload.get("availability_topic").getAsString());
            assertEquals("cubekvm_kvm1", payload.getAsJsonObject("device").getAsJsonArray("identifiers").get(0).getAsString());
            assertEquals("1.2.3", payload.getAsJsonObject("device").get("sw_version").getAsString());
            // The keys Home Assistant requires per component.
            switch (component) {
                case "switch" -> assertTrue(payload.has("command_topic") && payload.has("state_topic"));
                case "button" -> assertTrue(payload.has("command_topic"));
                case "binary_sensor", "sensor" -> assertTrue(payload.has("state_topic"));
                case "camera" -> assertTrue(payload.has("topic"));
                default -> throw new AssertionError("unexpected component " + component);
            }
        }
        JsonObject power = JsonParser.parseString(messages.get("homeassistant/switch/kvm1/power/config")).getAsJsonObject();
        assertEquals("cubekvm/kvm1/atx/power/set", power.get("command_topic").getAsString());
        assertEquals("cubekvm/kvm1/atx/power/state", power.get("state_topic").getAsString());
    }

    @Test
    void withoutAtxOnlyTheVideoAndHidEntitiesAreAnnounced() {
        assertEquals(Set.of("homeassistant/sensor/kvm1/stream_viewers/config",
                "homeassistant/binary_sensor/kvm1/hid_online/config", "homeassistant/camera/kvm1/snapshot/config"),
                Discovery.messages(settings, topics, "dev", false).keySet());
        assertEquals(4, Discovery.atxTopics(settings).length);
    }
}
