package org.cubekvm.atx.internal;

import java.io.Closeable;
import java.io.IOException;

/**
 * The seam to the GPIO hardware: requests single lines by their Linux GPIO number (as in
 * {@code /sys/class/gpio/gpioN}) with a consumer name. Levels are physical (1 = high); what is
 * "active" is decided by the caller from the board table. Implementations: {@link SysfsGpio}
 * (the kernel's sysfs interface), the character device through the native bundle, and a fake
 * chip in the tests.
 */
interface GpioLines {
    /** Requests {@code number} as an output driven to {@code initialLevel}. */
    Line output(int number, String consumer, int initialLevel) throws IOException;

    /** Requests {@code number} as an input. */
    Line input(int number, String consumer) throws IOException;

    /** One requested line; {@link #close} releases it (an output goes back to an input). */
    interface Line extends Closeable {
        void set(int level) throws IOException;

        int get() throws IOException;

        @Override
        void close() throws IOException;
    }
}
