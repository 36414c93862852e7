package org.cubekvm.api.hid;

import java.io.IOException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * "BIOS mode" of the device's USB keyboard and mouse: whether they declare the boot interface
 * subclass, so a firmware without a HID report parser uses them. Provided by the USB gadget
 * (device only); {@code PUT /api/hid/settings} with {@code bootProtocol} goes through it.
 */
@ProviderType
public interface UsbBootProtocol {
    /** Whether the gadget built now declares the boot subclass (a setting or the stock {@code /boot/BIOS} flag). */
    boolean enabled();

    /** Whether the stock flag file {@code /boot/BIOS} forces it on, whatever the setting says. */
    boolean forcedByFlag();

    /**
     * Stores the setting. When it changes what the target sees, the gadget is rebuilt
     * asynchronously (the target sees the device leave and come back).
     *
     * @throws IllegalStateException when turning it off while {@link #forcedByFlag()}
     * @throws IOException when the setting cannot be stored
     */
    void set(boolean enabled) throws IOException;
}
