package org.cubekvm.atx.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cubekvm.api.gpio.GpioChips;
import org.cubekvm.api.gpio.GpioLine;

/**
 * {@link GpioLines} through the character device (the native bundle's {@link GpioChips}): a
 * Linux GPIO number is mapped to its chip and offset with the kernel's own numbering in sysfs
 * ({@code gpiochip<base>/base}, {@code ngpio}, and the {@code gpiochipN} device of that chip),
 * so the board tables keep the numbers their sources give.
 */
final class CharDeviceGpio implements GpioLines {
    private final GpioChips chips;
    private final Path sysfsRoot;
    private final Path devRoot;

    CharDeviceGpio(GpioChips chips, Path sysfsRoot, Path devRoot) {
        this.chips = chips;
        this.sysfsRoot = sysfsRoot;
        this.devRoot = devRoot;
    }

    /** Where a GPIO number lives. */
    record ChipLine(Path chip, int offset) {
    }

    @Override
    public Line output(int number, String consumer, int initialLevel) throws IOException {
        ChipLine at = resolve(number);
        return adapt(chips.request(at.chip().toString(), at.offset(), true, initialLevel, consumer));
    }

    @Override
    public Line input(int number, String consumer) throws IOException {
        ChipLine at = resolve(number);
        return adapt(chips.request(at.chip().toString(), at.offset(), false, 0, consumer));
    }

    ChipLine resolve(int number) throws IOException {
        try (DirectoryStream<Path> bases = Files.newDirectoryStream(sysfsRoot, "gpiochip*")) {
            for (Path chipDir : bases) {
                int base = readInt(chipDir.resolve("base"));
                int count = readInt(chipDir.resolve("ngpio"));
                if (number < base || number >= base + count) {
                    continue;
                }
                try (DirectoryStream<Path> devices = Files.newDirectoryStream(chipDir.resolve("device"), "gpiochip*")) {
                    for (Path device : devices) {
                        return new ChipLine(devRoot.resolve(device.getFileName().toString()), number - base);
                    }
                }
                throw new IOException("gpio" + number + " is on " + chipDir + ", which has no gpiochipN character device");
            }
        }
        throw new IOException("no GPIO chip in " + sysfsRoot + " has gpio" + number);
    }

    private static int readInt(Path file) throws IOException {
        try {
            return Integer.parseInt(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (NumberFormatException e) {
            throw new IOException(file + " does not hold a number", e);
        }
    }

    private static Line adapt(GpioLine line) {
        return new Line() {
            @Override
            public void set(int level) throws IOException {
                line.set(level);
            }

            @Override
            public int get() throws IOException {
                return line.get();
            }

            @Override
            public void close() throws IOException {
                line.close();
            }

            @Override
            public String toString() {
                return line.toString();
            }
        };
    }
}
