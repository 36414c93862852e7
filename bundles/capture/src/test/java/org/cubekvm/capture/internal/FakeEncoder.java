package org.cubekvm.capture.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.EncoderChannel;
import org.cubekvm.api.video.EncoderSettings;
import org.cubekvm.api.video.VideoEncoder;

/** An encoder producing numbered frames every few milliseconds; key frames on request or every {@code gop}. */
final class FakeEncoder implements VideoEncoder {
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final AtomicInteger keyRequests = new AtomicInteger();
    volatile long frameIntervalNanos = 3_000_000L;
    /** When set, each pull takes a permit instead of waiting the frame interval: the test paces the frames. */
    volatile Semaphore gate;
    /** The number of the frame a pull is waiting to make, 0 when none waits. */
    private volatile long pulling;

    long pulling() {
        return pulling;
    }

    @Override
    public boolean isAvailable(Codec codec) {
        return true;
    }

    @Override
    public String unavailabilityCause(Codec codec) {
        return null;
    }

    @Override
    public EncoderChannel open(EncoderSettings settings) {
        opened.incrementAndGet();
        return new EncoderChannel() {
            private final AtomicBoolean keyNext = new AtomicBoolean(true);
            private long count;
            private boolean key;
            private EncoderSettings current = settings;

            @Override
            public int pull(ByteBuffer target, long timeoutNanos) {
                Semaphore permits = gate;
                pulling = count + 1;
                try {
                    if (permits == null) {
                        LockSupport.parkNanos(frameIntervalNanos); // the simulated device's frame time
                    } else if (!permits.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS)) {
                        return 0;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 0;
                } finally {
                    pulling = 0;
                }
                count++;
                key = keyNext.getAndSet(false) || count % current.gop() == 0;
                target.clear();
                target.putLong(0, count);
                target.limit(100);
                return 100;
            }

            @Override
            public void requestKeyFrame() {
                keyRequests.incrementAndGet();
                keyNext.set(true);
            }

            @Override
            public void reconfigure(EncoderSettings next) {
                current = next;
            }

            @Override
            public EncoderSettings settings() {
                return current;
            }

            @Override
            public int maxFrameBytes() {
                return 1024;
            }

            @Override
            public long frameSeq() {
                return count;
            }

            @Override
            public long frameCaptureMicros() {
                return epochMicros() - 1000;
            }

            @Override
            public long frameEncodeDoneMicros() {
                return epochMicros();
            }

            @Override
            public boolean frameKey() {
                return key;
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
                closed.incrementAndGet();
            }
        };
    }

    /** Microseconds since the Unix epoch, as the encoders stamp frames. */
    private static long epochMicros() {
        return System.currentTimeMillis() * 1000L;
    }
}
