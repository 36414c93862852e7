package org.cubekvm.oled.internal;

import java.io.IOException;

/**
 * The SSD1306 protocol for a 128×64 panel: every I2C write starts with a control byte, 0x00 for
 * commands or 0x40 for display data. A frame sets the column and page windows to the whole
 * panel (horizontal addressing) and sends the 1024 bytes in 16-byte chunks.
 */
final class Ssd1306 {
    static final int COMMANDS = 0x00;
    static final int DATA = 0x40;
    static final int DISPLAY_OFF = 0xAE;
    static final int DISPLAY_ON = 0xAF;
    static final int CHUNK = 16;

    /** Power-up sequence: 128×64, charge pump on, horizontal addressing, rotated 180° (segment and COM remap). */
    static final int[] INIT = {
        DISPLAY_OFF,
        0xD5, 0x80, // clock divide ratio / oscillator
        0xA8, 0x3F, // multiplex ratio: 64 lines
        0xD3, 0x00, // display offset 0
        0x40,       // start line 0
        0x8D, 0x14, // charge pump on
        0x20, 0x00, // horizontal addressing mode
        0xA1,       // segment remap: column 127 is SEG0
        0xC8,       // COM scan from COM63 to COM0
        0xDA, 0x12, // COM pins: alternative configuration
        0x81, 0xCF, // contrast
        0xD9, 0xF1, // pre-charge period
        0xDB, 0x40, // VCOMH deselect level
        0xA4,       // show the RAM content
        0xA6,       // normal (not inverted)
        DISPLAY_ON,
    };

    private final I2cPanel panel;

    Ssd1306(I2cPanel panel) {
        this.panel = panel;
    }

    void init() throws IOException {
        commands(INIT);
    }

    void on(boolean on) throws IOException {
        commands(on ? DISPLAY_ON : DISPLAY_OFF);
    }

    /** Sends the 1024 bytes of {@link MonoFrame#bytes()}. */
    void frame(byte[] pages) throws IOException {
        if (pages.length != MonoFrame.BYTES) {
            throw new IllegalArgumentException("a frame is " + MonoFrame.BYTES + " bytes, got " + pages.length);
        }
        commands(0x21, 0, MonoFrame.WIDTH - 1, 0x22, 0, MonoFrame.PAGES - 1);
        for (int at = 0; at < pages.length; at += CHUNK) {
            byte[] write = new byte[CHUNK + 1];
            write[0] = DATA;
            System.arraycopy(pages, at, write, 1, CHUNK);
            panel.write(write);
        }
    }

    private void commands(int... codes) throws IOException {
        byte[] write = new byte[codes.length + 1];
        write[0] = COMMANDS;
        for (int i = 0; i < codes.length; i++) {
            write[i + 1] = (byte) codes[i];
        }
        panel.write(write);
    }
}
