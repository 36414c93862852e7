package org.cubekvm.atx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cubekvm.api.gpio.GpioChips;
import org.cubekvm.api.gpio.GpioLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Linux GPIO numbers reach the right chip and offset of the character device. */
class CharDeviceGpioTest {
    private final List<String> requests = new ArrayList<>();

    private final GpioChips chips = (chipPath, offset, output, initialLevel, consumer) -> {
        requests.add(chipPath + " " + offset + (output ? " out " + initialLevel : " in") + " " + consumer);
        return new GpioLine() {
            @Override
            public void set(int level) {
                requests.add("set " + level);
            }

            @Override
            public int get() {
                return 1;
            }

            @Override
            public void close() {
                requests.add("release");
            }
        };
    };

    private static void chip(Path sysfs, int base, int count, String device) throws IOException {
        Path dir = sysfs.resolve("gpiochip" + base);
        Files.createDirectories(dir.resolve("device").resolve(device));
        Files.writeString(dir.resolve("base"), base + "\n");
        Files.writeString(dir.resolve("ngpio"), count + "\n");
    }

    @Test
    void numbersMapToChipAndOffset(@TempDir Path root) throws Exception {
        Path sysfs = root.resolve("sys");
        chip(sysfs, 480, 32, "gpiochip4");
        chip(sysfs, 448, 32, "gpiochip3");
        Files.createFile(sysfs.resolve("export"));
        CharDeviceGpio gpio = new CharDeviceGpio(chips, sysfs, Path.of("/dev"));
        assertEquals(new CharDeviceGpio.ChipLine(Path.of("/dev/gpiochip4"), 23), gpio.resolve(503));
        assertEquals(new CharDeviceGpio.ChipLine(Path.of("/dev/gpiochip3"), 0), gpio.resolve(448));
        GpioLines.Line line = gpio.output(505, "cubekvm-atx-reset", 1);
        line.set(0);
        line.close();
        assertEquals(List.of("/dev/gpiochip4 25 out 1 cubekvm-atx-reset", "set 0", "release"), requests);
        IOException e = assertThrows(IOException.class, () -> gpio.resolve(600));
        assertTrue(e.getMessage().contains("gpio600"), e.getMessage());
    }
}
