package org.cubekvm.hid.internal;

/**
 * One mouse report on its way to the sink.
 *
 * @param absolute whether x/y are a position (0..32767) or deltas (-127..127)
 */
record PointerEvent(boolean absolute, int buttons, int x, int y, int wheel) {
    static PointerEvent released(boolean absolute, int x, int y) {
        return absolute ? new PointerEvent(true, 0, x, y, 0) : new PointerEvent(false, 0, 0, 0, 0);
    }

    /**
     * This report followed by {@code next} as one report, or null when that would change what
     * the host sees beyond timing: different buttons or mode, or a sum out of the i8 range.
     * For absolute reports the newest position wins; relative deltas and wheel steps add up.
     */
    PointerEvent mergeWith(PointerEvent next) {
        if (absolute != next.absolute || buttons != next.buttons) {
            return null;
        }
        int mergedWheel = wheel + next.wheel;
        if (Math.abs(mergedWheel) > 127) {
            return null;
        }
        if (absolute) {
            return new PointerEvent(true, buttons, next.x, next.y, mergedWheel);
        }
        int dx = x + next.x;
        int dy = y + next.y;
        if (Math.abs(dx) > 127 || Math.abs(dy) > 127) {
            return null;
        }
        return new PointerEvent(false, buttons, dx, dy, mergedWheel);
    }
}
