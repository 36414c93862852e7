package org.cubekvm.virtual.internal;

import org.cubekvm.api.hid.KeyboardLeds;

/**
 * The top row, like a BIOS/firmware status bar: machine name, resolution and layout, the
 * keyboard LEDs, mouse buttons, the frame counter and a clock (HH:MM:SS) in the right corner.
 * Every item has a fixed place, so an update rewrites only its own cells. Not thread-safe
 * ({@link ScreenContent} guards it).
 */
final class StatusLine {
    static final String TITLE = " CubeKVM virtual machine";

    private static final int BAR = Palette.attr(Palette.WHITE, Palette.BLUE);
    private static final int ON = Palette.attr(Palette.BLACK, Palette.LIGHT_GREEN);
    private static final int OFF = Palette.attr(Palette.LIGHT_BLUE, Palette.BLUE);

    private static final int CLOCK_WIDTH = 8;
    private static final int FRAME_DIGITS = 7;

    private CellGrid grid;

    StatusLine(CellGrid grid) {
        this.grid = grid;
    }

    void moveTo(CellGrid resized) {
        grid = resized;
    }

    /** Draws the whole bar; the items are drawn by their own methods afterwards. */
    void draw(String resolution, String layout) {
        grid.fill(0, 0, grid.columns, ' ', BAR);
        int column = grid.text(0, 0, TITLE, BAR);
        column = grid.text(column + 2, 0, resolution, BAR);
        grid.text(column + 2, 0, layout, BAR);
    }

    void layout(String resolution, String layout) {
        // Layout ids have the same length (xx-XX); clear a little more in case one does not.
        int column = TITLE.length() + 2 + resolution.length() + 2;
        grid.fill(column, 0, 8, ' ', BAR);
        grid.text(column, 0, layout, BAR);
    }

    void leds(KeyboardLeds leds) {
        int column = ledsColumn();
        grid.text(column, 0, " NUM ", leds.numLock() ? ON : OFF);
        grid.text(column + 6, 0, " CAPS ", leds.capsLock() ? ON : OFF);
        grid.text(column + 13, 0, " SCRL ", leds.scrollLock() ? ON : OFF);
    }

    void buttons(int buttons) {
        int column = ledsColumn() + 21;
        grid.text(column, 0, " L ", (buttons & 1) != 0 ? ON : OFF);
        grid.text(column + 3, 0, " M ", (buttons & 4) != 0 ? ON : OFF);
        grid.text(column + 6, 0, " R ", (buttons & 2) != 0 ? ON : OFF);
    }

    /** The inserted medium ({@code CD-ROM: LABEL}), between the mouse buttons and the frame counter. */
    void media(String shown) {
        int column = ledsColumn() + 31;
        int width = Math.max(0, clockColumn() - FRAME_DIGITS - 9 - 1 - column);
        grid.fill(column, 0, width, ' ', BAR);
        if (shown != null) {
            grid.text(column, 0, shown.length() > width ? shown.substring(0, width) : shown, BAR);
        }
    }

    void frame(long counter) {
        int column = clockColumn() - FRAME_DIGITS - 9;
        grid.text(column, 0, "frame ", BAR);
        grid.number(column + 6, 0, counter, FRAME_DIGITS, BAR);
    }

    void clock(int secondOfDay) {
        int column = clockColumn();
        grid.number(column, 0, secondOfDay / 3600, 2, BAR);
        grid.put(column + 2, 0, ':', BAR);
        grid.number(column + 3, 0, secondOfDay / 60 % 60, 2, BAR);
        grid.put(column + 5, 0, ':', BAR);
        grid.number(column + 6, 0, secondOfDay % 60, 2, BAR);
    }

    private int ledsColumn() {
        return grid.columns / 2 - 10;
    }

    private int clockColumn() {
        return grid.columns - CLOCK_WIDTH - 1;
    }
}
