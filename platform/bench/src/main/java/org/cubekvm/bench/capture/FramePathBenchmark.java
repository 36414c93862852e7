package org.cubekvm.bench.capture;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.cubekvm.api.video.EncoderChannel;
import org.cubekvm.api.video.VideoFrame;
import org.cubekvm.api.video.VideoStream;
import org.cubekvm.capture.internal.FramePathHarness;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost per frame of what the capture thread runs ({@code CaptureChannel.step}: pull into a
 * ring slot, publish, announce) plus every viewer taking the newest frame and releasing it,
 * for 1, 4 and 16 viewers. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the
 * allocation per frame and must be 0.
 * <p>
 * The capture bundle's internals are reached through its test jar's {@link FramePathHarness}
 * (nothing of the bundle is exported for this). The encoder here copies a recorded frame into
 * the slot with one bulk copy, as the replay and VENC backends do in C; {@code NativePullBenchmark}
 * measures the JNI pull itself.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx64m"})
public class FramePathBenchmark {
    @Param({"1", "4", "16"})
    int viewers;

    @Param({"60000"})
    int frameBytes;

    private FramePathHarness path;
    private EncoderChannel encoder;
    private VideoStream[] streams;

    @Setup(Level.Trial)
    public void setUp() {
        path = new FramePathHarness(viewers, frameBytes);
        encoder = new RecordedFrameChannel(frameBytes);
        streams = path.viewers();
    }

    @Benchmark
    public void captureAndFanOut(Blackhole blackhole) throws Exception {
        blackhole.consume(path.step(encoder));
        for (VideoStream viewer : streams) {
            VideoFrame frame = viewer.acquireNewest();
            if (frame != null) {
                ByteBuffer data = frame.data();
                blackhole.consume(data.get(data.limit() - 1));
                frame.release();
            }
        }
    }

    /** Copies one recorded frame per pull, like the replay backend. */
    static final class RecordedFrameChannel implements EncoderChannel {
        private final ByteBuffer recorded;
        private long seq;

        RecordedFrameChannel(int size) {
            recorded = ByteBuffer.allocateDirect(size);
            for (int i = 0; i < size; i++) {
                recorded.put(i, (byte) i);
            }
        }

        @Override
        public int pull(ByteBuffer target, long timeoutNanos) {
            target.clear();
            target.put(0, recorded, 0, recorded.capacity());
            target.limit(recorded.capacity());
            seq++;
            return recorded.capacity();
        }

        @Override
        public void requestKeyFrame() {
        }

        @Override
        public void reconfigure(org.cubekvm.api.video.EncoderSettings settings) {
        }

        @Override
        public org.cubekvm.api.video.EncoderSettings settings() {
            return null;
        }

        @Override
        public int maxFrameBytes() {
            return recorded.capacity();
        }

        @Override
        public long frameSeq() {
            return seq;
        }

        @Override
        public long frameCaptureMicros() {
            return seq;
        }

        @Override
        public long frameEncodeDoneMicros() {
            return seq + 1;
        }

        @Override
        public boolean frameKey() {
            return true;
        }

        @Override
        public int frameWidth() {
            return 1280;
        }

        @Override
        public int frameHeight() {
            return 720;
        }

        @Override
        public void close() {
        }
    }
}
