package org.cubekvm.api.hid;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where HID reports go: the USB gadget's {@code /dev/hidgN} on the device, the virtual
 * machine on a PC. Implementations are thread-safe; keyboard and pointer writes may come
 * from different threads. Reports are validated by the caller; a sink may still reject one
 * with {@link IllegalArgumentException}.
 */
@ProviderType
public interface HidSink {
    /**
     * Writes a boot keyboard report: {@code report[offset]} modifiers, {@code +1} reserved,
     * {@code +2..+7} up to six key usages (0 = none).
     */
    void keyboard(byte[] report, int offset);

    /** Relative mouse: buttons bit0 left, bit1 right, bit2 middle; dx, dy, wheel in -127..127. */
    void mouseRelative(int buttons, int dx, int dy, int wheel);

    /** Absolute mouse: x, y in 0..32767 across the screen; wheel in -127..127. */
    void mouseAbsolute(int buttons, int x, int y, int wheel);

    /** Whether reports currently reach a host. */
    boolean online();

    KeyboardLeds leds();

    void addListener(HidListener listener);

    void removeListener(HidListener listener);
}
