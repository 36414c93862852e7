package org.cubekvm.api.atx;

/**
 * The target's front-panel LEDs as last seen.
 *
 * @param power the power LED is lit (the target is on)
 * @param hdd   the disk activity LED is lit
 */
public record AtxLeds(boolean power, boolean hdd) {
}
