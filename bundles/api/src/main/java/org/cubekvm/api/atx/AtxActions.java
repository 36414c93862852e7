package org.cubekvm.api.atx;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Button actions as {@code POST /api/atx/{power|reset}} runs them: the configured press or hold
 * duration, one action at a time across both buttons, the button always released. For the other
 * ways in (MQTT, Redfish), which check their caller's role themselves.
 */
@ProviderType
public interface AtxActions {
    /**
     * Starts a press ({@code hold == false}, the configured short press) or a hold (the configured
     * long press, forcing a power-off) of {@code button} in the background.
     *
     * @param user who asked, for the log
     * @return false when another action is running (nothing started)
     */
    boolean start(AtxButton button, boolean hold, String user);

    /** The LEDs now. */
    AtxLeds leds();
}
