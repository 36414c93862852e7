package org.cubekvm.mqtt.internal;

/**
 * Handles a signed fleet command ({@link SignedCommand}); registered inside this bundle only while
 * the console's all-or-nothing bundle installer is available.
 *
 * @see MqttBridge
 */
interface FleetInstaller {
    /** @return the result as JSON {@code {"ok":bool,"error"?,"message"}}; never throws */
    String handle(String command, String deviceId);
}
