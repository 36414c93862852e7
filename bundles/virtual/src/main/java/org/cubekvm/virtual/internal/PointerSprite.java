package org.cubekvm.virtual.internal;

import java.nio.ByteBuffer;

/** The mouse pointer: the classic arrow, black outline and white fill, hot spot at its tip (0, 0). */
final class PointerSprite {
    private static final String[] ART = {
        "B...........",
        "BB..........",
        "BWB.........",
        "BWWB........",
        "BWWWB.......",
        "BWWWWB......",
        "BWWWWWB.....",
        "BWWWWWWB....",
        "BWWWWWWWB...",
        "BWWWWWWWWB..",
        "BWWWWWWWWWB.",
        "BWWWWWWBBBBB",
        "BWWWBWWB....",
        "BWWBBWWB....",
        "BWB..BWWB...",
        "BB...BWWB...",
        "B.....BWWB..",
        "......BWWB..",
        ".......BB...",
    };

    static final int WIDTH = ART[0].length();
    static final int HEIGHT = ART.length;

    /** Per row, bit {@code x} set where the outline (black) / the fill (white) is. */
    private static final int[] OUTLINE = new int[HEIGHT];
    private static final int[] FILL = new int[HEIGHT];

    static {
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                char c = ART[y].charAt(x);
                if (c == 'B') {
                    OUTLINE[y] |= 1 << x;
                } else if (c == 'W') {
                    FILL[y] |= 1 << x;
                }
            }
        }
    }

    static final int OUTLINE_RGB = 0x000000;
    static final int FILL_RGB = 0xFFFFFF;

    private PointerSprite() {
    }

    /** Colour at sprite pixel (x, y), or -1 where the sprite is transparent. */
    static int pixel(int x, int y) {
        if (x < 0 || y < 0 || x >= WIDTH || y >= HEIGHT) {
            return -1;
        }
        if ((OUTLINE[y] & 1 << x) != 0) {
            return OUTLINE_RGB;
        }
        return (FILL[y] & 1 << x) != 0 ? FILL_RGB : -1;
    }

    /**
     * Draws the pointer with its tip at ({@code x}, {@code y}) into a BGRX buffer, clipped to rows
     * {@code top..bottom-1} and columns {@code 0..width-1} (over a picture that is not a cell grid).
     */
    static void paint(ByteBuffer pixels, int stride, int x, int y, int top, int bottom, int width) {
        for (int row = Math.max(top, y); row < Math.min(bottom, y + HEIGHT); row++) {
            for (int column = Math.max(0, x); column < Math.min(width, x + WIDTH); column++) {
                int rgb = pixel(column - x, row - y);
                if (rgb >= 0) {
                    pixels.putInt(row * stride + column * 4, rgb);
                }
            }
        }
    }
}
