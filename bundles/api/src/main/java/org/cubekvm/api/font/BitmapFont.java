package org.cubekvm.api.font;

import java.util.Base64;

/**
 * An 8×16 bitmap font for printable ASCII, Latin-1 (0xA0–0xFF: every letter German and French
 * need) and the euro sign. One byte per glyph row, most significant bit leftmost.
 * <p>
 * The bitmaps were generated once for this class by rasterizing DejaVu Sans Mono Bold (free
 * license, Bitstream Vera derivative) into 8×16 cells without anti-aliasing; the font file is
 * not needed at run time. Characters without a glyph are drawn as a hollow box, so missing
 * glyphs are visible instead of silently blank.
 * <p>
 * Shared through the API (moved from the virtual machine's bundle) so that every text surface —
 * the virtual screen, the OLED status display — draws with one font instead of copies.
 */
public final class BitmapFont {
    public static final int WIDTH = 8;
    public static final int HEIGHT = 16;

    /** Glyph order: U+0020..U+007E, U+00A0..U+00FF, U+20AC. */
    private static final String GLYPHS_BASE64 =
            "AAAAAAAAAAAAAAAAAAAAAAAAEBgYGBgYGAAYGAAAAAAAACRkZGQAAAAAAAAAAAAAAAAAFhZ/Piz+/mhYAAAAAAAAABg8eHA8"
            + "HhZ+fBAQAAAAAABw0NB2GE4LCw4AAAAAAAAYPGAwMHvfzu5/AAAAAAAAEBgYGAAAAAAAAAAAAAAAAAwIGBgQMDAQGBgIDAAA"
            + "AAAwEBgYGAgYGBgYMDAAAAAAABh+PH4YAAAAAAAAAAAAAAAAEBgY/n4YGAAAAAAAAAAAAAAAAAAAABgYEDAAAAAAAAAAAAA8"
            + "PAAAAAAAAAAAAAAAAAAAAAAAGBgAAAAAAAACBgQMCBgQMCBgYAAAAAAAGDxmZmZ+ZmZ+PAAAAAAAABh4GBgYGBgYfn4AAAAA"
            + "AAA4fAYGDBw4MH5+AAAAAAAAOHwGBjwcBgZ+fAAAAAAAAAwMHDwsbH5+DAwAAAAAAAA8fGBgfE4GBn58AAAAAAAAHD5gYHx2"
            + "ZmZ+PAAAAAAAAHx+DgwMGBgYMDAAAAAAAAAYfGZmPDxmZm48AAAAAAAAGHxmZmZ+PgZMfAAAAAAAAAAAABgYGAAAGBgAAAAA"
            + "AAAAAAAYGBgAABgYEDAAAAAAAAAABjxwcD4GAAAAAAAAAAAAAAD+AAD+AAAAAAAAAAAAAADgfA4OeOAAAAAAAAAAGHwGBgwY"
            + "GBAQGAAAAAAAAAAcdkLekrKS3kByPgAAAAAYODw8LGR+fmbDAAAAAAAAcH5mZnx+ZmZ+fAAAAAAAAAw+cmBgYGBgPh4AAAAA"
            + "AABwfG5mZmZmZn54AAAAAAAAfn5gYH5+YGB+fgAAAAAAAD5+YGB+fmBgYGAAAAAAAAAcPnJgYG5mZn4+AAAAAAAARmZmZn5+"
            + "ZmZmZgAAAAAAAHx+GBgYGBgYfn4AAAAAAAAcPAwMDAwMDHx8AAAAAAAAQmZseHh4bGxmZwAAAAAAACBgYGBgYGBgfn4AAAAA"
            + "AABG5u7+/trSwsLCAAAAAAAAQmZ2dnZeTk5ORgAAAAAAABh8ZmZmZmZmfjwAAAAAAABwfmZmZn5wYGBgAAAAAAAAGHxmZmZm"
            + "ZmZ+PA4EAAAAAHB8ZmZufGxmZmcAAAAAAAAYfmBgeDwOBm58AAAAAAAAfn4YGBgYGBgYGAAAAAAAAEJmZmZmZmZmfjwAAAAA"
            + "AABCZmZmZmw8PDw4AAAAAAAAgMPD29p+fm5mZgAAAAAAAEJmbjw4GDw8ZsYAAAAAAABC5mZ8PBgYGBgYAAAAAAAAfn4GDBwY"
            + "MHB+fgAAAAAAABwYEBAQEBAQEBAcHAAAAABAYCAwMBgYCAwEBgAAAAAAOBgYGBgYGBgYGDg4AAAAABA8PGYAAAAAAAAAAAAA"
            + "AAAAAAAAAAAAAAAAAAD/AAAAMBgAAAAAAAAAAAAAAAAAAAAAAHxGPn5mbn4AAAAAAABgYGB8fmZmZn58AAAAAAAAAAAAPnJg"
            + "YGA2PgAAAAAAAAYGBn5uZmZmfj4AAAAAAAAAAAA8ZmZ+YHY+AAAAAAAADh4YfjgYGBgYGAAAAAAAAAAAAD5uZmZmfj4GfjgA"
            + "AABgYGB8fmZmZmZmAAAAAAAYGBgAeBgYGBgcfgAAAAAACBgIADgYGBgYGBgYeHAAAABgYGBmbHh4bGZmAAAAAAAAcHAwMDAw"
            + "MDAcHgAAAAAAAAAAAP7a2tra2toAAAAAAAAAAAB8fmZmZmZmAAAAAAAAAAAAPG5mZmZ+PAAAAAAAAAAAAHx2ZmZmfnxgYGAA"
            + "AAAAAAB+bmZmZn4+BgYGAAAAAAAAPjowMDAwMAAAAAAAAAAAADxgcDwORnwAAAAAAAAAMDh+ODAwMBgeAAAAAAAAAAAAZmZm"
            + "ZmZ+PgAAAAAAAAAAAGZmZiw8PBgAAAAAAAAAAADDw9pafm5mAAAAAAAAAAAAZjw8GDxsZgAAAAAAAAAAAGZmZjw8OBgYcGAA"
            + "AAAAAAB+DgwYMHB+AAAAAAAADhgYGBh4cBgYGBgOAAAAABgYGBgYGBgYGBgYGBgAAABwOBgYGBwOGBgYGHAAAAAAAAAAAAB6"
            + "XgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAYGAAYGBgYGBgAAAAAAAgIPnhoaGh+PggIAAAAAA4eMDAwfDAwfn4AAAAA"
            + "AAAAAABiPCQkPgIAAAAAAAAAQuZmfP8Y/xgYGAAAAAAAAAAYGBgYGAAQGBgYGAAAAAAYPGAwfGZ2PAwMPAAAAAAALCQAAAAA"
            + "AAAAAAAAAAAAAAAYZtqhoblCPAAAAAAAAAA4PBwkPBQ8AAAAAAAAAAAAAAAAADZsSDQSAAAAAAAAAAAAAAB+fgICAAAAAAAA"
            + "AAAAAAAAADw8AAAAAAAAAAAAABhm+q25rUI8AAAAAAAAADwAAAAAAAAAAAAAAAAAAAAYPCQ8GAAAAAAAAAAAAAAAAAAYGH5+"
            + "GBh+/gAAAAAAADgsDBgwPAAAAAAAAAAAAAA4DBwMBDgAAAAAAAAAAAAADBgAAAAAAAAAAAAAAAAAAAAAAGZmZmZmfn9gYGAA"
            + "AAAcfnb2djYWFhYWFgAAAAAAAAAAABgYGAAAAAAAAAAAAAAAAAAAAAAAAAAIGBAAAAAQOBgYGDwAAAAAAAAAAAAAGDwkJDwY"
            + "PAAAAAAAAAAAAAAAAABsNjZsSAAAAAAAAGBgICAg8jzEDBwWHgQAAABgYCAgIPI83AYGDBgeAAAAYBAwMBhyPMQMHBYeBAAA"
            + "AAAAAAAYGAgYGDBgYHwYADAQGDg8PCxkfn5mwwAAAAAMEBg4PDwsZH5+ZsMAAAAAOCQYODw8LGR+fmbDAAAAADwIGDg8PCxk"
            + "fn5mwwAAAAAsJBg4PDwsZH5+ZsMAAAAAGCQ8ODw8LGR+fmbDAAAAAAAAHj48bG5ufHzOzwAAAAAAAAw+cmBgYGBgPh4MHBgA"
            + "EAh+fmBgfn5gYH5+AAAAAAwIfn5gYH5+YGB+fgAAAAAcJH5+YGB+fmBgfn4AAAAANCR+fmBgfn5gYH5+AAAAADAQfH4YGBgY"
            + "GBh+fgAAAAAMEHx+GBgYGBgYfn4AAAAAOCR8fhgYGBgYGH5+AAAAACwkfH4YGBgYGBh+fgAAAAAAAHB8bmb29mZmfngAAAAA"
            + "PAhCZnZ2dl5OTk5GAAAAADAQGHxmZmZmZmZ+PAAAAAAMEBh8ZmZmZmZmfjwAAAAAOCQYfGZmZmZmZn48AAAAADwIGHxmZmZm"
            + "ZmZ+PAAAAAAsJBh8ZmZmZmZmfjwAAAAAAAAAAABmfDg8bkYAAAAAAAAAGn5mbm5+dmZ+/AAAAAAwEEJmZmZmZmZmfjwAAAAA"
            + "DBBCZmZmZmZmZn48AAAAADgkQmZmZmZmZmZ+PAAAAAAsJEJmZmZmZmZmfjwAAAAADBBC5mZ8PBgYGBgYAAAAAAAAYGB8fmZm"
            + "fnxgYAAAAAAAADh8Zmx4bG5mdn4AAAAAAAAwGAB8Rj5+Zm5+AAAAAAAADBgAfEY+fmZufgAAAAAAADgkAHxGPn5mbn4AAAAA"
            + "AAA0KAB8Rj5+Zm5+AAAAAAAALCQAfEY+fmZufgAAAAAQPCQYAHxGPn5mbn4AAAAAAAAAAAD+Ghv/2Nh+AAAAAAAAAAAAPnJg"
            + "YGA2PggcGAAAADAYADxmZn5gdj4AAAAAAAAMCAA8ZmZ+YHY+AAAAAAAAHCQAPGZmfmB2PgAAAAAAADQEADxmZn5gdj4AAAAA"
            + "AAAwGAB4GBgYGBx+AAAAAAAADBgAeBgYGBgcfgAAAAAAADgkAHgYGBgYHH4AAAAAAAAsJAB4GBgYGBx+AAAAAAAANDhsPH5m"
            + "ZmZ+PAAAAAAAADQoAHx+ZmZmZmYAAAAAAAAwGAA8bmZmZn48AAAAAAAADBgAPG5mZmZ+PAAAAAAAADgkADxuZmZmfjwAAAAA"
            + "AAA0LAA8bmZmZn48AAAAAAAALCQAPG5mZmZ+PAAAAAAAAAAAGBgA/n4YGBAAAAAAAAAAAAI+bm5+dn78AAAAAAAAMBgAZmZm"
            + "ZmZ+PgAAAAAAAAwYAGZmZmZmfj4AAAAAAAA4JABmZmZmZn4+AAAAAAAALCQAZmZmZmZ+PgAAAAAAAAwYAGZmZjw8OBgYcGAA"
            + "AABgYGB8dmZmZn58YGBgAAAALCQAZmZmPDw4GBhwYAAAAAw+MnD8YPhgPh4AAAAA";

    private static final int ASCII_FIRST = 0x20;
    private static final int ASCII_LAST = 0x7E;
    private static final int LATIN1_FIRST = 0xA0;
    private static final int LATIN1_LAST = 0xFF;
    private static final int EURO = 0x20AC;
    private static final int LATIN1_INDEX = ASCII_LAST - ASCII_FIRST + 1;
    private static final int EURO_INDEX = LATIN1_INDEX + LATIN1_LAST - LATIN1_FIRST + 1;
    private static final int BOX_INDEX = EURO_INDEX + 1;

    /** Glyph rows, {@code HEIGHT} bytes per glyph, followed by the box for missing glyphs. */
    private static final byte[] ROWS = load();

    private BitmapFont() {
    }

    /** Whether the font has a real glyph for the code point. */
    public static boolean has(int codePoint) {
        return (codePoint >= ASCII_FIRST && codePoint <= ASCII_LAST)
                || (codePoint >= LATIN1_FIRST && codePoint <= LATIN1_LAST) || codePoint == EURO;
    }

    /** Offset of the glyph's first row in {@link #row}'s index space. */
    public static int glyph(int codePoint) {
        if (codePoint >= ASCII_FIRST && codePoint <= ASCII_LAST) {
            return (codePoint - ASCII_FIRST) * HEIGHT;
        }
        if (codePoint >= LATIN1_FIRST && codePoint <= LATIN1_LAST) {
            return (LATIN1_INDEX + codePoint - LATIN1_FIRST) * HEIGHT;
        }
        if (codePoint == EURO) {
            return EURO_INDEX * HEIGHT;
        }
        return BOX_INDEX * HEIGHT;
    }

    /** Row {@code y} (0..15) of the glyph at {@code glyph}: 8 pixels, bit 7 leftmost. */
    public static int row(int glyph, int y) {
        return ROWS[glyph + y] & 0xFF;
    }

    private static byte[] load() {
        byte[] glyphs = Base64.getDecoder().decode(GLYPHS_BASE64);
        byte[] rows = new byte[glyphs.length + HEIGHT];
        System.arraycopy(glyphs, 0, rows, 0, glyphs.length);
        int box = glyphs.length;
        for (int y = 2; y < 14; y++) {
            rows[box + y] = (byte) (y == 2 || y == 13 ? 0x7E : 0x42);
        }
        return rows;
    }
}
