package org.cubekvm.nativebridge.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.cubekvm.api.gpio.GpioChips;
import org.junit.jupiter.api.Test;

/** The GPIO primitives through the real library: refusals come back as IOExceptions naming the call and errno. */
class CharDeviceGpioChipsTest {
    private final GpioChips chips = new CharDeviceGpioChips(NativeLibrary.withKillSwitch(null));

    @Test
    void aMissingChipIsEnoent() {
        IOException e = assertThrows(IOException.class,
                () -> chips.request("/dev/gpiochip9999", 3, true, 0, "cubekvm-test"));
        assertTrue(e.getMessage().contains("gpioRequest0(/dev/gpiochip9999, 3, cubekvm-test)") && e.getMessage().contains("errno "
                + Errno.ENOENT), e.getMessage());
    }

    @Test
    void onlyGpioChipsAreOpenedAndArgumentsAreChecked() {
        for (String path : new String[] {"/dev/null", "/etc/passwd", "/dev/gpiochip0\0/x"}) {
            IOException e = assertThrows(IOException.class, () -> chips.request(path, 0, false, 0, "cubekvm-test"));
            assertTrue(e.getMessage().contains("errno " + Errno.EINVAL), e.getMessage());
        }
        IOException e = assertThrows(IOException.class, () -> chips.request("/dev/gpiochip0", -1, true, 0, "c"));
        assertTrue(e.getMessage().contains("errno " + Errno.EINVAL), e.getMessage());
        e = assertThrows(IOException.class, () -> chips.request("/dev/gpiochip0", 0, true, 2, "c"));
        assertTrue(e.getMessage().contains("errno " + Errno.EINVAL), e.getMessage());
    }

    @Test
    void forgedHandlesAreRefused() {
        assertTrue(NativeLibrary.withKillSwitch(null).isAvailable(), "libcubekvm loads");
        assertTrue(Native.gpioSet0(0, 1) == -Errno.EBADF);
        assertTrue(Native.gpioGet0(0) == -Errno.EBADF);
        assertTrue(Native.gpioRelease0(0) == -Errno.EBADF);
    }

    @Test
    void theKillSwitchMakesItUnavailable() {
        GpioChips killed = new CharDeviceGpioChips(NativeLibrary.withKillSwitch("true"));
        IOException e = assertThrows(IOException.class, () -> killed.request("/dev/gpiochip0", 0, true, 0, "c"));
        assertTrue(e.getMessage().contains(NativeLibrary.KILL_SWITCH), e.getMessage());
    }
}
