package org.cubekvm.virtual.internal;

import java.nio.ByteBuffer;
import org.cubekvm.api.font.BitmapFont;

/**
 * Paints one character cell straight into a BGRX buffer (little-endian {@code putInt} of
 * 0x00RRGGBB lays out B, G, R, X), with the part of the pointer that covers the cell on top.
 * Absolute puts only: no buffer state changes, nothing allocated.
 */
final class CellPainter {
    private CellPainter() {
    }

    static void paint(ByteBuffer pixels, int stride, CellGrid grid, int cell, int pointerX, int pointerY,
            boolean pointerVisible) {
        int column = cell % grid.columns;
        int row = cell / grid.columns;
        int glyph = BitmapFont.glyph(grid.charAt(cell));
        int attr = grid.attrAt(cell);
        int foreground = Palette.foreground(attr);
        int background = Palette.background(attr);
        int left = column * BitmapFont.WIDTH;
        int top = row * BitmapFont.HEIGHT;
        for (int y = 0; y < BitmapFont.HEIGHT; y++) {
            int bits = BitmapFont.row(glyph, y);
            int offset = (top + y) * stride + left * 4;
            for (int x = 0; x < BitmapFont.WIDTH; x++) {
                pixels.putInt(offset + x * 4, (bits & 0x80 >>> x) != 0 ? foreground : background);
            }
        }
        if (pointerVisible && pointerX < left + BitmapFont.WIDTH && pointerX + PointerSprite.WIDTH > left
                && pointerY < top + BitmapFont.HEIGHT && pointerY + PointerSprite.HEIGHT > top) {
            for (int y = Math.max(top, pointerY); y < Math.min(top + BitmapFont.HEIGHT, pointerY + PointerSprite.HEIGHT); y++) {
                for (int x = Math.max(left, pointerX); x < Math.min(left + BitmapFont.WIDTH, pointerX + PointerSprite.WIDTH); x++) {
                    int rgb = PointerSprite.pixel(x - pointerX, y - pointerY);
                    if (rgb >= 0) {
                        pixels.putInt(y * stride + x * 4, rgb);
                    }
                }
            }
        }
    }
}
