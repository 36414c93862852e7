package org.cubekvm.oled.internal;

import java.io.IOException;

/**
 * An SSD1306 that exists only in memory: it interprets the I2C writes as the chip does
 * (column/page windows, horizontal addressing, display on/off; other commands and their
 * arguments are skipped) into its display RAM. {@code /api/oled/frame.png} is drawn from this
 * RAM, so the picture is exactly what was sent over the I2C seam. On a PC it is the panel; on
 * the device it mirrors the real one.
 */
final class VirtualPanel implements I2cPanel {
    /** Arguments that follow each command byte (the commands {@link Ssd1306} uses). */
    private static int argumentsOf(int command) {
        return switch (command) {
            case 0x21, 0x22 -> 2;
            case 0xD5, 0xA8, 0xD3, 0x8D, 0x20, 0xDA, 0x81, 0xD9, 0xDB -> 1;
            default -> 0;
        };
    }

    private final byte[] ram = new byte[MonoFrame.BYTES];
    private final I2cPanel next;
    private boolean on;
    private int columnStart;
    private int columnEnd = MonoFrame.WIDTH - 1;
    private int pageStart;
    private int pageEnd = MonoFrame.PAGES - 1;
    private int column;
    private int page;

    /** @param next the real panel to pass every write on to (after it is applied here), or null */
    VirtualPanel(I2cPanel next) {
        this.next = next;
    }

    @Override
    public synchronized void write(byte[] bytes) throws IOException {
        if (bytes.length == 0) {
            return;
        }
        if ((bytes[0] & 0xFF) == Ssd1306.DATA) {
            for (int i = 1; i < bytes.length; i++) {
                ram[page * MonoFrame.WIDTH + column] = bytes[i];
                if (++column > columnEnd) {
                    column = columnStart;
                    page = page >= pageEnd ? pageStart : page + 1;
                }
            }
        } else {
            for (int i = 1; i < bytes.length; i++) {
                int command = bytes[i] & 0xFF;
                int count = argumentsOf(command);
                if (command == 0x21 && i + 2 < bytes.length) {
                    columnStart = bytes[i + 1] & 0x7F;
                    columnEnd = bytes[i + 2] & 0x7F;
                    column = columnStart;
                } else if (command == 0x22 && i + 2 < bytes.length) {
                    pageStart = bytes[i + 1] & 0x07;
                    pageEnd = bytes[i + 2] & 0x07;
                    page = pageStart;
                } else if (command == Ssd1306.DISPLAY_ON) {
                    on = true;
                } else if (command == Ssd1306.DISPLAY_OFF) {
                    on = false;
                }
                i += count;
            }
        }
        if (next != null) {
            next.write(bytes);
        }
    }

    /** Closes the real panel behind this one, if any. */
    synchronized void close() throws IOException {
        if (next instanceof java.io.Closeable closeable) {
            closeable.close();
        }
    }

    synchronized boolean isOn() {
        return on;
    }

    /** The display RAM: what the panel shows while on. */
    synchronized byte[] ram() {
        return ram.clone();
    }
}
