package org.cubekvm.nativebridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.cubekvm.api.i2c.I2cBuses;
import org.junit.jupiter.api.Test;

/** The I2C primitives through the real library: refusals come back naming the call and errno. */
class I2cDevBusesTest {
    private final I2cBuses buses = new I2cDevBuses(NativeLibrary.withKillSwitch(null));

    @Test
    void aMissingBusIsEnoentAndOtherPathsAreRefused() {
        IOException e = assertThrows(IOException.class, () -> buses.open("/dev/i2c-9999", 0x3c));
        assertTrue(e.getMessage().contains("i2cOpen0(/dev/i2c-9999, 0x3c)") && e.getMessage().contains("errno " + Errno.ENOENT),
                e.getMessage());
        for (String path : new String[] {"/dev/null", "/etc/passwd", "/dev/i2c-1\0x"}) {
            e = assertThrows(IOException.class, () -> buses.open(path, 0x3c));
            assertTrue(e.getMessage().contains("errno " + Errno.EINVAL), e.getMessage());
        }
        e = assertThrows(IOException.class, () -> buses.open("/dev/i2c-1", 0x78));
        assertTrue(e.getMessage().contains("errno " + Errno.EINVAL), e.getMessage());
    }

    @Test
    void forgedHandlesAreRefused() {
        assertTrue(NativeLibrary.withKillSwitch(null).isAvailable(), "libcubekvm loads");
        assertEquals(-Errno.EBADF, Native.i2cWrite0(0, 0, 1));
        assertEquals(-Errno.EBADF, Native.i2cClose0(0));
    }
}
