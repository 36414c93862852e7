package org.cubekvm.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cubekvm.api.media.MediaException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"debian.iso", "a", "Win11_23H2-x64+drivers.img", "0.1.2"})
    void acceptsPlainFileNames(String name) {
        assertEquals(name, ImageNames.require(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../etc/passwd", "..", "a..b", "dir/file.iso", "/abs.iso", "back\\slash.iso",
        ".hidden.iso", ".incoming", "-rf", "name with space.iso", "nul\u0000.iso", "ünicode.iso", "semi;colon"})
    void refusesEverythingElse(String name) {
        MediaException e = assertThrows(MediaException.class, () -> ImageNames.require(name));
        assertEquals(400, e.status());
        assertEquals("bad_name", e.code());
    }

    @org.junit.jupiter.api.Test
    void boundsTheLength() {
        assertEquals(128, ImageNames.require("a".repeat(128)).length());
        assertThrows(MediaException.class, () -> ImageNames.require("a".repeat(129)));
        assertThrows(MediaException.class, () -> ImageNames.require(null));
    }
}
