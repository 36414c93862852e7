package org.cubekvm.bench.nativebridge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.cubekvm.nativebridge.internal.ReplayPull;
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
 * {@code gc.alloc.rate.norm} must be 0. The native bundle's JNI class is reached through its
 * test jar's {@link ReplayPull} (nothing of the bundle is exported for this).
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

    private ReplayPull replay;

    @Setup(Level.Trial)
    public void open() throws Exception {
        Path recordings = Path.of(System.getProperty("cubekvm.recordings", "bundles/native/target/classes/replay"));
        Path file;
        try (var list = Files.list(recordings)) {
            file = list.filter(p -> p.getFileName().toString().startsWith(codec + "-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + codec + " recording in " + recordings));
        }
        replay = new ReplayPull(file);
    }

    @Benchmark
    public long pull() {
        return replay.pull();
    }

    @TearDown(Level.Trial)
    public void close() {
        replay.close();
    }
}
