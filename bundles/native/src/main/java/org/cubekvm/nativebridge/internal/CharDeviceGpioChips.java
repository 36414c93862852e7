package org.cubekvm.nativebridge.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.cubekvm.api.gpio.GpioChips;
import org.cubekvm.api.gpio.GpioLine;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@link GpioChips} through libcubekvm's GPIO primitives (uAPI v2 line requests, see
 * {@code native-libs/src/gpio.c}). The library is loaded on the first request.
 */
@Component(service = GpioChips.class)
public class CharDeviceGpioChips implements GpioChips {
    private final NativeLibrary library;

    @Activate
    public CharDeviceGpioChips(BundleContext context) {
        this(NativeLibrary.withKillSwitch(context.getProperty(NativeLibrary.KILL_SWITCH)));
    }

    CharDeviceGpioChips(NativeLibrary library) {
        this.library = library;
    }

    @Override
    public GpioLine request(String chipPath, int offset, boolean output, int initialLevel, String consumer)
            throws IOException {
        String problem = library.unavailabilityCause();
        if (problem != null) {
            throw new IOException("GPIO through the character device is unavailable: " + problem);
        }
        ByteBuffer path = direct(chipPath);
        ByteBuffer name = direct(consumer);
        long handle = Native.gpioRequest0(Native.address0(path), path.capacity(), offset, output ? 1 : 0, initialLevel,
                Native.address0(name), name.capacity());
        check("gpioRequest0(" + chipPath + ", " + offset + ", " + consumer + ")", handle);
        return new CharDeviceLine(handle, chipPath + ":" + offset);
    }

    private static ByteBuffer direct(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocateDirect(Math.max(1, bytes.length)).put(bytes).flip();
    }

    static long check(String call, long result) throws IOException {
        if (result < 0) {
            throw new IOException(call + " failed: errno " + (-result));
        }
        return result;
    }

    private static final class CharDeviceLine implements GpioLine {
        private final String name;
        private long handle;

        CharDeviceLine(long handle, String name) {
            this.handle = handle;
            this.name = name;
        }

        @Override
        public synchronized void set(int level) throws IOException {
            check("gpioSet0(" + name + ", " + level + ")", Native.gpioSet0(live(), level));
        }

        @Override
        public synchronized int get() throws IOException {
            return (int) check("gpioGet0(" + name + ")", Native.gpioGet0(live()));
        }

        @Override
        public synchronized void close() throws IOException {
            if (handle != 0) {
                long released = handle;
                handle = 0;
                check("gpioRelease0(" + name + ")", Native.gpioRelease0(released));
            }
        }

        private long live() throws IOException {
            if (handle == 0) {
                throw new IOException(name + " was released");
            }
            return handle;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
