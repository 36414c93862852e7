package org.cubekvm.oled.internal;

import java.util.Arrays;
import org.cubekvm.api.font.BitmapFont;

/**
 * A 128×64 1-bit picture in the SSD1306's own memory layout: 8 pages of 128 bytes, each byte a
 * column of 8 pixels (bit 0 at the top). So the bytes sent to the panel are this buffer, as is.
 */
final class MonoFrame {
    static final int WIDTH = 128;
    static final int HEIGHT = 64;
    static final int PAGES = HEIGHT / 8;
    static final int BYTES = WIDTH * PAGES;
    /** Text lines of the 8×16 font. */
    static final int LINES = HEIGHT / BitmapFont.HEIGHT;
    static final int COLUMNS = WIDTH / BitmapFont.WIDTH;

    private final byte[] bytes = new byte[BYTES];

    void clear() {
        Arrays.fill(bytes, (byte) 0);
    }

    void set(int x, int y, boolean lit) {
        if (x < 0 || x >= WIDTH || y < 0 || y >= HEIGHT) {
            return;
        }
        int index = (y / 8) * WIDTH + x;
        int bit = 1 << (y % 8);
        bytes[index] = (byte) (lit ? bytes[index] | bit : bytes[index] & ~bit);
    }

    boolean get(int x, int y) {
        return (bytes[(y / 8) * WIDTH + x] & (1 << (y % 8))) != 0;
    }

    /** Text on line {@code line} (0..3), cut at 16 characters. */
    void text(int line, String text) {
        int y0 = line * BitmapFont.HEIGHT;
        int column = 0;
        for (int i = 0; i < text.length() && column < COLUMNS; i = text.offsetByCodePoints(i, 1), column++) {
            int glyph = BitmapFont.glyph(text.codePointAt(i));
            for (int y = 0; y < BitmapFont.HEIGHT; y++) {
                int row = BitmapFont.row(glyph, y);
                for (int x = 0; x < BitmapFont.WIDTH; x++) {
                    set(column * BitmapFont.WIDTH + x, y0 + y, (row & (0x80 >> x)) != 0);
                }
            }
        }
    }

    /** The panel memory: 1024 bytes. */
    byte[] bytes() {
        return bytes.clone();
    }
}
