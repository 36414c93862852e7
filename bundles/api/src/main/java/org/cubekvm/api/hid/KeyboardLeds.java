package org.cubekvm.api.hid;

/** Keyboard LED state as the target host set it (HID output report). */
public record KeyboardLeds(boolean numLock, boolean capsLock, boolean scrollLock) {
    public static final KeyboardLeds OFF = new KeyboardLeds(false, false, false);

    /** Decodes a HID boot keyboard LED output report byte. */
    public static KeyboardLeds fromReport(int bits) {
        return new KeyboardLeds((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0);
    }
}
