package org.cubekvm.api.gpio;

import java.io.Closeable;
import java.io.IOException;
import org.osgi.annotation.versioning.ProviderType;

/** One requested line; {@link #close} releases it (idempotent). */
@ProviderType
public interface GpioLine extends Closeable {
    void set(int level) throws IOException;

    int get() throws IOException;

    @Override
    void close() throws IOException;
}
