package org.cubekvm.oled.internal;

import java.io.IOException;

/**
 * The seam to the display's I2C bus: one call is one I2C write to the panel's address (a
 * control byte, then commands or data). On the device it is {@code /dev/i2c-N}; on a PC and in
 * tests, {@link VirtualPanel}.
 */
interface I2cPanel {
    void write(byte[] bytes) throws IOException;
}
