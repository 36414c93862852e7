package org.cubekvm.virtual.internal;

/**
 * Body of {@code GET /api/virtual/state}. {@code media} is null or {@code {"name","label"}} of the drive's medium.
 * {@code held} (beyond API.md) is what the host sees held now, so tests can check releases.
 */
record VirtualState(String typed, Pointer pointer, int buttons, Leds leds, String layout, boolean power, Object media,
        Held held) {
    /** Key usages (HID keyboard page) and modifier bits currently held. */
    record Held(int[] keys, int modifiers) {
    }

    /** 0..1 across and down the screen. */
    record Pointer(double x, double y) {
    }

    record Leds(boolean numLock, boolean capsLock, boolean scrollLock) {
    }
}
