package org.cubekvm.mqtt.internal;

/**
 * What the bridge publishes as retained state; a field is null when its source is absent (no ATX,
 * no video, no HID sink), and then nothing is published for it.
 */
record DeviceState(Boolean power, Boolean hdd, Integer viewers, Boolean hidOnline) {
    static String onOff(boolean value) {
        return value ? "ON" : "OFF";
    }
}
