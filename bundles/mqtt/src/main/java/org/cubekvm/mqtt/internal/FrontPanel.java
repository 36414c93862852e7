package org.cubekvm.mqtt.internal;

/**
 * The target's power/reset buttons and LEDs as the bridge needs them, so the MQTT code does not
 * depend on how ATX is provided. Registered (inside this bundle) only while an ATX service exists.
 */
interface FrontPanel {
    boolean powerLed();

    boolean hddLed();

    /** A short press of the power button (through the same path as {@code POST /api/atx/power}). */
    void pressPower() throws Exception;

    void pressReset() throws Exception;

    /** {@code onChange} runs whenever an LED changes, until the returned handle is closed. */
    AutoCloseable watchLeds(Runnable onChange);
}
