package org.cubekvm.nativebridge.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per frame of the JNI pull itself: one call copying the next recorded frame (what the
 * device's VENC hands over) into a direct buffer by address. Run with {@code -prof gc}:
 * {@code gc.alloc.rate.norm} must be 0.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx64m"})
public class NativePullBenchmark {
    @Param({"mjpeg", "h264"})
    String codec;

    private long handle;
    private long address;
    private int capacity;

    @Setup(Level.Trial)
    public void open() throws Exception {
        String cause = NativeLibrary.withKillSwitch(null).unavailabilityCause();
        if (cause != null) {
            throw new IllegalStateException(cause);
        }
        Path recordings = Path.of(System.getProperty("cubekvm.recordings", "bundles/native/target/classes/replay"));
        Path file;
        try (var list = Files.list(recordings)) {
            file = list.filter(p -> p.getFileName().toString().startsWith(codec + "-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + codec + " recording in " + recordings));
        }
        byte[] path = file.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer pathBuffer = ByteBuffer.allocateDirect(path.length).put(path);
        handle = Native.replayOpen0(Native.address0(pathBuffer), path.length);
        if (handle <= 0) {
            throw new IllegalStateException("replayOpen0 failed: " + handle);
        }
        capacity = (int) Native.replayInfo0(handle, Native.REPLAY_MAX_FRAME_BYTES);
        ByteBuffer target = ByteBuffer.allocateDirect(capacity);
        address = Native.address0(target);
        keepAlive = target;
    }

    /** The buffer must outlive the benchmark: only its address is used. */
    private ByteBuffer keepAlive;

    @Benchmark
    public long pull() {
        return Native.replayNext0(handle, address, capacity);
    }

    @TearDown(Level.Trial)
    public void close() {
        Native.replayClose0(handle);
        keepAlive = null;
    }
}
