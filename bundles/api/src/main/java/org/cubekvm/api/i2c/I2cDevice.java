package org.cubekvm.api.i2c;

import java.io.Closeable;
import java.io.IOException;
import org.osgi.annotation.versioning.ProviderType;

/** One device on an I2C bus; {@link #close} is idempotent. */
@ProviderType
public interface I2cDevice extends Closeable {
    /** One I2C write of 1..4096 bytes. */
    void write(byte[] bytes) throws IOException;

    @Override
    void close() throws IOException;
}
