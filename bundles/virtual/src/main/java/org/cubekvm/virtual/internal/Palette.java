package org.cubekvm.virtual.internal;

/**
 * The 16 VGA text-mode colours, as 0x00RRGGBB: written little-endian they are the B, G, R, X
 * bytes of a BGRX pixel. A cell attribute is {@code background << 4 | foreground}.
 */
final class Palette {
    static final int BLACK = 0;
    static final int BLUE = 1;
    static final int GREEN = 2;
    static final int CYAN = 3;
    static final int RED = 4;
    static final int BROWN = 6;
    static final int LIGHT_GRAY = 7;
    static final int DARK_GRAY = 8;
    static final int LIGHT_BLUE = 9;
    static final int LIGHT_GREEN = 10;
    static final int LIGHT_CYAN = 11;
    static final int LIGHT_RED = 12;
    static final int YELLOW = 14;
    static final int WHITE = 15;

    private static final int[] RGB = {
        0x000000, 0x0000AA, 0x00AA00, 0x00AAAA, 0xAA0000, 0xAA00AA, 0xAA5500, 0xAAAAAA,
        0x555555, 0x5555FF, 0x55FF55, 0x55FFFF, 0xFF5555, 0xFF55FF, 0xFFFF55, 0xFFFFFF};

    /** Plain console text: light grey on black (the colour of a freshly allocated, zeroed buffer). */
    static final int TEXT = attr(LIGHT_GRAY, BLACK);

    private Palette() {
    }

    static int attr(int foreground, int background) {
        return background << 4 | foreground;
    }

    static int foreground(int attr) {
        return RGB[attr & 0xF];
    }

    static int background(int attr) {
        return RGB[(attr >> 4) & 0xF];
    }

    /** The same attribute with foreground and background swapped (the text cursor). */
    static int inverse(int attr) {
        return (attr & 0xF) << 4 | (attr >> 4) & 0xF;
    }
}
