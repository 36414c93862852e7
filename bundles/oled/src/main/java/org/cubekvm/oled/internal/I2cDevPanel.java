package org.cubekvm.oled.internal;

import java.io.Closeable;
import java.io.IOException;
import org.cubekvm.api.i2c.I2cDevice;

/** The real panel: each write is one I2C write to the panel's device (through the native bundle). */
final class I2cDevPanel implements I2cPanel, Closeable {
    private final I2cDevice device;

    I2cDevPanel(I2cDevice device) {
        this.device = device;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        device.write(bytes);
    }

    @Override
    public void close() throws IOException {
        device.close();
    }
}
