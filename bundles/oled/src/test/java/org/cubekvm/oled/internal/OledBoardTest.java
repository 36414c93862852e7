package org.cubekvm.oled.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The panel's bus and address per hardware version (sipeed/NanoKVM), and the configuration's override. */
class OledBoardTest {
    @TempDir
    Path dir;

    private Path hw(String content) throws IOException {
        return Files.writeString(dir.resolve("hw"), content);
    }

    @ParameterizedTest
    @CsvSource({"alpha, /dev/i2c-1, 61", "beta, /dev/i2c-5, 61", "pcie, /dev/i2c-5, 60", "'', /dev/i2c-1, 61"})
    void autoTakesTheBoardsBusAndAddress(String content, String bus, int address) throws IOException {
        OledBoard board = OledBoard.resolve("auto", -1, hw(content));
        assertEquals(bus, board.bus());
        assertEquals(address, board.address());
    }

    @Test
    void withoutAHardwareFileAutoTouchesNoBus() throws IOException {
        assertNull(OledBoard.resolve("auto", -1, dir.resolve("none")), "not a NanoKVM (e.g. the device profile on a PC)");
        assertEquals(0x3C, OledBoard.resolve("auto", -1, hw("pcie\n")).address(), "the file as the stock script writes it");
    }

    @Test
    void configurationOverridesBusAndAddress() throws IOException {
        OledBoard address = OledBoard.resolve("auto", 0x3C, hw("beta"));
        assertEquals("/dev/i2c-5", address.bus());
        assertEquals(0x3C, address.address());
        OledBoard bus = OledBoard.resolve("/dev/i2c-2", -1, hw("alpha"));
        assertEquals("/dev/i2c-2", bus.bus());
        assertEquals(0x3C, bus.address(), "an explicit bus without address is the SSD1306 default");
        assertEquals(0x3D, OledBoard.resolve("/dev/i2c-2", 0x3D, hw("alpha")).address());
    }

    @Test
    void noBusMeansNoPhysicalPanel() throws IOException {
        assertNull(OledBoard.resolve("", -1, hw("alpha")));
    }

    @Test
    void boardsWithoutKnownPanelAndBadValuesNameTheSetting() throws IOException {
        for (String board : new String[] {"atx", "pro"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OledBoard.resolve("auto", -1, hw(board)));
            assertTrue(e.getMessage().contains("i2cBus") && e.getMessage().contains(board), e.getMessage());
        }
        assertEquals("/dev/i2c-3", OledBoard.resolve("/dev/i2c-3", -1, hw("pro")).bus(), "configured, it works");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> OledBoard.resolve("auto", -1, hw("gamma")));
        assertTrue(unknown.getMessage().contains("'gamma'"), unknown.getMessage());
        IllegalArgumentException path = assertThrows(IllegalArgumentException.class,
                () -> OledBoard.resolve("/etc/passwd", -1, hw("alpha")));
        assertTrue(path.getMessage().contains("i2cBus"), path.getMessage());
        IllegalArgumentException address = assertThrows(IllegalArgumentException.class,
                () -> OledBoard.resolve("auto", 0x78, hw("alpha")));
        assertTrue(address.getMessage().contains("i2cAddress"), address.getMessage());
    }
}
