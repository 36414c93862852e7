package org.cubekvm.nativebridge.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Benchmark seam (platform/bench {@code NativePullBenchmark}, shipped in this module's test jar,
 * never in the bundle): the JNI replay pull on its own, one recording opened by path and each
 * {@link #pull()} copying its next frame into a direct buffer by address, as the device's VENC
 * hands frames over.
 */
public final class ReplayPull implements AutoCloseable {
    private final long handle;
    private final long address;
    private final int capacity;
    /** Only the buffer's address is used; it must live as long as this object. */
    private final ByteBuffer target;

    /** @throws IllegalStateException when the native library is missing or the file cannot be opened */
    public ReplayPull(Path recording) {
        String cause = NativeLibrary.withKillSwitch(null).unavailabilityCause();
        if (cause != null) {
            throw new IllegalStateException(cause);
        }
        byte[] path = recording.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer pathBuffer = ByteBuffer.allocateDirect(path.length).put(path);
        handle = Native.replayOpen0(Native.address0(pathBuffer), path.length);
        if (handle <= 0) {
            throw new IllegalStateException("replayOpen0 failed for " + recording + ": " + handle);
        }
        capacity = (int) Native.replayInfo0(handle, Native.REPLAY_MAX_FRAME_BYTES);
        target = ByteBuffer.allocateDirect(capacity);
        address = Native.address0(target);
    }

    /** Copies the next frame (the recording loops); its size, or a negative error code. */
    public long pull() {
        return Native.replayNext0(handle, address, capacity);
    }

    @Override
    public void close() {
        Native.replayClose0(handle);
    }
}
