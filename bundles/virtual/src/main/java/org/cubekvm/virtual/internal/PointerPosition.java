package org.cubekvm.virtual.internal;

/**
 * Where the mouse pointer is, in screen pixels, as a host computes it: relative reports
 * accumulate and stop at the screen edges, absolute reports (0..32767 on both axes) map onto
 * the whole screen. Not thread-safe ({@link ScreenContent} guards it).
 */
final class PointerPosition {
    static final int ABSOLUTE_MAX = 32767;

    private int width;
    private int height;
    private int x;
    private int y;

    PointerPosition(int width, int height) {
        this.width = width;
        this.height = height;
        center();
    }

    int x() {
        return x;
    }

    int y() {
        return y;
    }

    /** 0..1 across the screen. */
    double fractionX() {
        return width <= 1 ? 0 : (double) x / (width - 1);
    }

    double fractionY() {
        return height <= 1 ? 0 : (double) y / (height - 1);
    }

    void center() {
        x = width / 2;
        y = height / 2;
    }

    void absolute(int absoluteX, int absoluteY) {
        x = scale(absoluteX, width);
        y = scale(absoluteY, height);
    }

    void relative(int dx, int dy) {
        x = clamp(x + dx, width);
        y = clamp(y + dy, height);
    }

    /** Keeps the pointer at the same place relative to the screen. */
    void resize(int newWidth, int newHeight) {
        x = width <= 1 ? 0 : (int) ((long) x * (newWidth - 1) / (width - 1));
        y = height <= 1 ? 0 : (int) ((long) y * (newHeight - 1) / (height - 1));
        width = newWidth;
        height = newHeight;
    }

    private static int scale(int absolute, int size) {
        int value = Math.max(0, Math.min(ABSOLUTE_MAX, absolute));
        return (int) (((long) value * (size - 1) + ABSOLUTE_MAX / 2) / ABSOLUTE_MAX);
    }

    private static int clamp(int value, int size) {
        return Math.max(0, Math.min(size - 1, value));
    }
}
