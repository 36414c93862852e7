package org.cubekvm.atx.internal;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** A 48-bit MAC address written {@code aa:bb:cc:dd:ee:ff} (or with {@code -}); shown lower-case with colons. */
record MacAddress(String text) {
    private static final Pattern FORMAT = Pattern.compile("[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}");

    static MacAddress parse(String value, String field) {
        if (value == null || value.length() > 17 || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("Field '" + field + "' must be a MAC address like 52:54:00:12:34:56");
        }
        return new MacAddress(value.replace('-', ':').toLowerCase(Locale.ROOT));
    }

    byte[] bytes() {
        return HexFormat.of().parseHex(text.replace(":", ""));
    }

    @Override
    public String toString() {
        return text;
    }
}
