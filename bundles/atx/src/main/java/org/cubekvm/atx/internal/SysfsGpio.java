package org.cubekvm.atx.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * GPIO through the kernel's sysfs interface ({@code /sys/class/gpio}): the fallback where the
 * character device is not available. sysfs has no consumer names; a line this class exported
 * is unexported again when released.
 */
final class SysfsGpio implements GpioLines {
    private final Path root;

    SysfsGpio(Path root) {
        this.root = root;
    }

    @Override
    public Line output(int number, String consumer, int initialLevel) throws IOException {
        Path dir = export(number);
        // "high"/"low" set the direction and the level in one write: no glitch to the other level.
        write(dir.resolve("direction"), initialLevel != 0 ? "high" : "low");
        return new SysfsLine(number, dir);
    }

    @Override
    public Line input(int number, String consumer) throws IOException {
        Path dir = export(number);
        write(dir.resolve("direction"), "in");
        return new SysfsLine(number, dir);
    }

    private Path export(int number) throws IOException {
        Path dir = root.resolve("gpio" + number);
        if (!Files.isDirectory(dir)) {
            write(root.resolve("export"), Integer.toString(number));
        }
        return dir;
    }

    private static void write(Path file, String value) throws IOException {
        Files.writeString(file, value, StandardCharsets.US_ASCII);
    }

    private final class SysfsLine implements Line {
        private final int number;
        private final Path dir;

        SysfsLine(int number, Path dir) {
            this.number = number;
            this.dir = dir;
        }

        @Override
        public void set(int level) throws IOException {
            write(dir.resolve("value"), level != 0 ? "1" : "0");
        }

        @Override
        public int get() throws IOException {
            String value = Files.readString(dir.resolve("value"), StandardCharsets.US_ASCII).strip();
            return "0".equals(value) ? 0 : 1;
        }

        @Override
        public void close() throws IOException {
            if (Files.exists(dir.resolve("direction"))) {
                write(dir.resolve("direction"), "in");
            }
        }

        @Override
        public String toString() {
            return "gpio" + number;
        }
    }
}
