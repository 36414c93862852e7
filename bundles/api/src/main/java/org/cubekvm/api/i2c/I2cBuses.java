package org.cubekvm.api.i2c;

import java.io.IOException;
import org.osgi.annotation.versioning.ProviderType;

/** Opens a device on an I2C bus. */
@ProviderType
public interface I2cBuses {
    /**
     * @param busPath a {@code /dev/i2c-N} path (nothing else is opened)
     * @param address the device's 7-bit address, 0x03..0x77
     * @throws IOException naming the call and the errno when the kernel refuses
     */
    I2cDevice open(String busPath, int address) throws IOException;
}
