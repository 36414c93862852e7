package org.cubekvm.capture.internal;

import java.nio.ByteBuffer;
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
                LockSupport.parkNanos(frameIntervalNanos);
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
                return EpochClock.micros() - 1000;
            }

            @Override
            public long frameEncodeDoneMicros() {
                return EpochClock.micros();
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
}
