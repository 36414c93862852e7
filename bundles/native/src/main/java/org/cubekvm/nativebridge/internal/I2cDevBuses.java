package org.cubekvm.nativebridge.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.cubekvm.api.i2c.I2cBuses;
import org.cubekvm.api.i2c.I2cDevice;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** {@link I2cBuses} through libcubekvm's i2c-dev primitives ({@code native-libs/src/i2c.c}). */
@Component(service = I2cBuses.class)
public class I2cDevBuses implements I2cBuses {
    static final int MAX_WRITE = 4096;
    private final NativeLibrary library;

    @Activate
    public I2cDevBuses(BundleContext context) {
        this(NativeLibrary.withKillSwitch(context.getProperty(NativeLibrary.KILL_SWITCH)));
    }

    I2cDevBuses(NativeLibrary library) {
        this.library = library;
    }

    @Override
    public I2cDevice open(String busPath, int address) throws IOException {
        String problem = library.unavailabilityCause();
        if (problem != null) {
            throw new IOException("I2C is unavailable: " + problem);
        }
        byte[] bytes = busPath.getBytes(StandardCharsets.UTF_8);
        ByteBuffer path = ByteBuffer.allocateDirect(Math.max(1, bytes.length)).put(bytes).flip();
        long handle = Native.i2cOpen0(Native.address0(path), bytes.length, address);
        CharDeviceGpioChips.check("i2cOpen0(" + busPath + ", 0x" + Integer.toHexString(address) + ")", handle);
        return new Device(handle, busPath + "@0x" + Integer.toHexString(address));
    }

    private static final class Device implements I2cDevice {
        private final String name;
        /** One direct buffer per device, reused for every write (a frame is 64 writes of 17 bytes). */
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_WRITE);
        private long handle;

        Device(long handle, String name) {
            this.handle = handle;
            this.name = name;
        }

        @Override
        public synchronized void write(byte[] bytes) throws IOException {
            if (handle == 0) {
                throw new IOException(name + " is closed");
            }
            if (bytes.length == 0 || bytes.length > MAX_WRITE) {
                throw new IOException("an I2C write is 1.." + MAX_WRITE + " bytes, got " + bytes.length);
            }
            buffer.clear();
            buffer.put(bytes);
            CharDeviceGpioChips.check("i2cWrite0(" + name + ")", Native.i2cWrite0(handle, Native.address0(buffer), bytes.length));
        }

        @Override
        public synchronized void close() throws IOException {
            if (handle != 0) {
                long closing = handle;
                handle = 0;
                CharDeviceGpioChips.check("i2cClose0(" + name + ")", Native.i2cClose0(closing));
            }
        }
    }
}
