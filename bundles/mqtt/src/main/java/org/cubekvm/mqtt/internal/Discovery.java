package org.cubekvm.mqtt.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Home Assistant MQTT discovery messages (retained {@code <prefix>/<component>/<deviceId>/<object>/config}):
 * the device with its power switch, reset button, power/HDD LEDs, stream viewers, HID online and a
 * snapshot camera. All entities share the availability topic, so HA shows them unavailable when
 * the last will says {@code offline}.
 */
final class Discovery {
    private Discovery() {
    }

    /** @return topic → JSON payload; ATX entities only when {@code atx} */
    static Map<String, String> messages(MqttSettings settings, Topics topics, String version, boolean atx) {
        Map<String, String> out = new LinkedHashMap<>();
        if (atx) {
            JsonObject power = entity(settings, topics, version, "power", "Power");
            power.addProperty("state_topic", topics.powerState());
            power.addProperty("command_topic", topics.powerCommand());
            power.addProperty("payload_on", "ON");
            power.addProperty("payload_off", "OFF");
            power.addProperty("device_class", "switch");
            put(out, settings, "switch", "power", power);

            JsonObject reset = entity(settings, topics, version, "reset", "Reset");
            reset.addProperty("command_topic", topics.resetCommand());
            reset.addProperty("payload_press", "PRESS");
            reset.addProperty("device_class", "restart");
            put(out, settings, "button", "reset", reset);

            JsonObject powerLed = entity(settings, topics, version, "power_led", "Power LED");
            powerLed.addProperty("state_topic", topics.powerState());
            powerLed.addProperty("payload_on", "ON");
            powerLed.addProperty("payload_off", "OFF");
            powerLed.addProperty("device_class", "power");
            put(out, settings, "binary_sensor", "power_led", powerLed);

            JsonObject hddLed = entity(settings, topics, version, "hdd_led", "HDD LED");
            hddLed.addProperty("state_topic", topics.hddState());
            hddLed.addProperty("payload_on", "ON");
            hddLed.addProperty("payload_off", "OFF");
            put(out, settings, "binary_sensor", "hdd_led", hddLed);
        }
        JsonObject viewers = entity(settings, topics, version, "stream_viewers", "Stream viewers");
        viewers.addProperty("state_topic", topics.viewers());
        viewers.addProperty("state_class", "measurement");
        viewers.addProperty("icon", "mdi:monitor-eye");
        put(out, settings, "sensor", "stream_viewers", viewers);

        JsonObject hid = entity(settings, topics, version, "hid_online", "HID online");
        hid.addProperty("state_topic", topics.hidOnline());
        hid.addProperty("payload_on", "ON");
        hid.addProperty("payload_off", "OFF");
        hid.addProperty("device_class", "connectivity");
        put(out, settings, "binary_sensor", "hid_online", hid);

        JsonObject camera = entity(settings, topics, version, "snapshot", "Screen");
        camera.addProperty("topic", topics.snapshot());
        put(out, settings, "camera", "snapshot", camera);
        return out;
    }

    /** Discovery topics of the ATX entities, to clear (empty retained payload) when ATX leaves. */
    static String[] atxTopics(MqttSettings settings) {
        return new String[] {topic(settings, "switch", "power"), topic(settings, "button", "reset"),
            topic(settings, "binary_sensor", "power_led"), topic(settings, "binary_sensor", "hdd_led")};
    }

    static String topic(MqttSettings settings, String component, String object) {
        return settings.discoveryPrefix() + "/" + component + "/" + settings.deviceId() + "/" + object + "/config";
    }

    private static void put(Map<String, String> out, MqttSettings settings, String component, String object,
            JsonObject payload) {
        out.put(topic(settings, component, object), payload.toString());
    }

    private static JsonObject entity(MqttSettings settings, Topics topics, String version, String object, String name) {
        JsonObject entity = new JsonObject();
        entity.addProperty("name", name);
        entity.addProperty("unique_id", "cubekvm_" + settings.deviceId() + "_" + object);
        entity.addProperty("object_id", "cubekvm_" + settings.deviceId() + "_" + object);
        entity.addProperty("availability_topic", topics.availability());
        entity.addProperty("payload_available", "online");
        entity.addProperty("payload_not_available", "offline");
        JsonObject device = new JsonObject();
        JsonArray identifiers = new JsonArray();
        identifiers.add("cubekvm_" + settings.deviceId());
        device.add("identifiers", identifiers);
        device.addProperty("name", "CubeKVM " + settings.deviceId());
        device.addProperty("manufacturer", "CubeKVM");
        device.addProperty("model", "CubeKVM");
        device.addProperty("sw_version", version);
        entity.add("device", device);
        return entity;
    }
}
