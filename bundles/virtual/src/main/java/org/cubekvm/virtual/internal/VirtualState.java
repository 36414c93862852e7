package org.cubekvm.virtual.internal;

/** Body of {@code GET /api/virtual/state}. {@code media} stays null until virtual media exist. */
record VirtualState(String typed, Pointer pointer, int buttons, Leds leds, String layout, boolean power, Object media) {
    /** 0..1 across and down the screen. */
    record Pointer(double x, double y) {
    }

    record Leds(boolean numLock, boolean capsLock, boolean scrollLock) {
    }
}
