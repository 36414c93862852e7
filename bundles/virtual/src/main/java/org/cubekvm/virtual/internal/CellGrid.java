package org.cubekvm.virtual.internal;

import java.util.Arrays;
import org.cubekvm.api.font.BitmapFont;

/**
 * The screen as a grid of 8×16 character cells, with one dirty bit per cell for each of the
 * two frame buffers: a change marks the cell dirty in both, and each buffer clears its own bits
 * when it is painted, so either buffer catches up on everything changed since it was last
 * written. Writing what a cell already holds changes nothing, so redrawing a whole line costs
 * only the cells that differ. Not thread-safe: {@link ScreenContent} guards it.
 */
final class CellGrid {
    static final int BUFFERS = 2;

    final int columns;
    final int rows;
    private final int[] chars;
    private final byte[] attrs;
    private final long[][] dirty;
    /** Counts changes; the screen publishes a new frame only when it moved. */
    private long changes;

    CellGrid(int columns, int rows) {
        this.columns = columns;
        this.rows = rows;
        this.chars = new int[columns * rows];
        this.attrs = new byte[columns * rows];
        Arrays.fill(chars, ' ');
        Arrays.fill(attrs, (byte) Palette.TEXT);
        this.dirty = new long[BUFFERS][(columns * rows + 63) >>> 6];
        markAllDirty();
    }

    long changes() {
        return changes;
    }

    int charAt(int cell) {
        return chars[cell];
    }

    int attrAt(int cell) {
        return attrs[cell] & 0xFF;
    }

    int charAt(int column, int row) {
        return chars[row * columns + column];
    }

    int attrAt(int column, int row) {
        return attrs[row * columns + column] & 0xFF;
    }

    void put(int column, int row, int codePoint, int attr) {
        if (column < 0 || row < 0 || column >= columns || row >= rows) {
            return;
        }
        int cell = row * columns + column;
        if (chars[cell] != codePoint || attrs[cell] != (byte) attr) {
            chars[cell] = codePoint;
            attrs[cell] = (byte) attr;
            markDirty(cell);
        }
    }

    /** Writes text from {@code column}; returns the column after it. */
    int text(int column, int row, CharSequence text, int attr) {
        for (int i = 0; i < text.length(); i++) {
            put(column++, row, text.charAt(i), attr);
        }
        return column;
    }

    /** Writes {@code value} right-aligned in {@code width} cells, zero padded (no allocation). */
    void number(int column, int row, long value, int width, int attr) {
        long rest = Math.max(0, value);
        for (int i = width - 1; i >= 0; i--) {
            put(column + i, row, (int) ('0' + rest % 10), attr);
            rest /= 10;
        }
    }

    void fill(int column, int row, int width, int codePoint, int attr) {
        for (int i = 0; i < width; i++) {
            put(column + i, row, codePoint, attr);
        }
    }

    void clearRows(int fromRow, int toRowExclusive, int attr) {
        for (int row = fromRow; row < toRowExclusive; row++) {
            fill(0, row, columns, ' ', attr);
        }
    }

    /** Moves rows {@code top+1..bottom-1} up by one and blanks the last row. */
    void scrollUp(int top, int bottomExclusive, int attr) {
        for (int row = top; row < bottomExclusive - 1; row++) {
            for (int column = 0; column < columns; column++) {
                put(column, row, charAt(column, row + 1), attrAt(column, row + 1));
            }
        }
        fill(0, bottomExclusive - 1, columns, ' ', attr);
    }

    /** Marks the cells under a pixel rectangle dirty (the pointer moved over them). */
    void markPixels(int x, int y, int width, int height) {
        int firstColumn = Math.max(0, x / BitmapFont.WIDTH);
        int lastColumn = Math.min(columns - 1, (x + width - 1) / BitmapFont.WIDTH);
        int firstRow = Math.max(0, y / BitmapFont.HEIGHT);
        int lastRow = Math.min(rows - 1, (y + height - 1) / BitmapFont.HEIGHT);
        for (int row = firstRow; row <= lastRow; row++) {
            for (int column = firstColumn; column <= lastColumn; column++) {
                markDirty(row * columns + column);
            }
        }
    }

    void markAllDirty() {
        for (long[] bits : dirty) {
            Arrays.fill(bits, -1L);
            int unused = bits.length * 64 - columns * rows;
            if (unused > 0) {
                bits[bits.length - 1] = -1L >>> unused;
            }
        }
        changes++;
    }

    boolean anyDirty(int buffer) {
        for (long word : dirty[buffer]) {
            if (word != 0) {
                return true;
            }
        }
        return false;
    }

    /** The next dirty cell of {@code buffer} at or after {@code from}, clearing its bit; -1 when none is left. */
    int takeDirty(int buffer, int from) {
        long[] bits = dirty[buffer];
        int word = from >>> 6;
        if (word >= bits.length) {
            return -1;
        }
        long masked = bits[word] & (-1L << (from & 63));
        while (masked == 0) {
            if (++word >= bits.length) {
                return -1;
            }
            masked = bits[word];
        }
        int bit = Long.numberOfTrailingZeros(masked);
        bits[word] &= ~(1L << bit);
        return word << 6 | bit;
    }

    private void markDirty(int cell) {
        long mask = 1L << (cell & 63);
        for (long[] bits : dirty) {
            bits[cell >>> 6] |= mask;
        }
        changes++;
    }
}
