package org.cubekvm.api.gpio;

import java.io.IOException;
import org.osgi.annotation.versioning.ProviderType;

/** Requests single GPIO lines of {@code /dev/gpiochipN} devices (uAPI v2 line requests). */
@ProviderType
public interface GpioChips {
    /**
     * Requests one line.
     *
     * @param chipPath     a {@code /dev/gpiochipN} path (nothing else is opened)
     * @param offset       the line's offset on that chip
     * @param output       true for an output, false for an input
     * @param initialLevel an output's level from the start, 0 or 1
     * @param consumer     the consumer name the kernel shows for the line (up to 31 bytes)
     * @throws IOException naming the call and the errno when the kernel refuses
     */
    GpioLine request(String chipPath, int offset, boolean output, int initialLevel, String consumer) throws IOException;
}
