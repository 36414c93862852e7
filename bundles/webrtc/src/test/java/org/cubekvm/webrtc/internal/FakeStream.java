package org.cubekvm.webrtc.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.VideoFrame;
import org.cubekvm.api.video.VideoStream;

/** A viewer stream fed by the test: frames queued with {@link #push}, key frame requests and pauses recorded. */
class FakeStream implements VideoStream {
    final ConcurrentLinkedQueue<VideoFrame> frames = new ConcurrentLinkedQueue<>();
    final AtomicInteger keyFrameRequests = new AtomicInteger();
    volatile int bitrateLimit = -1;
    volatile boolean paused;
    volatile boolean closed;

    record Frame(byte[] bytes, boolean key, long captureMicros) implements VideoFrame {
        @Override
        public ByteBuffer data() {
            return ByteBuffer.wrap(bytes);
        }

        @Override
        public int size() {
            return bytes.length;
        }

        @Override
        public long seq() {
            return 0;
        }

        @Override
        public long encodeDoneMicros() {
            return captureMicros;
        }

        @Override
        public int width() {
            return 640;
        }

        @Override
        public int height() {
            return 480;
        }

        @Override
        public Codec codec() {
            return Codec.H264;
        }

        @Override
        public void release() {
        }
    }

    void push(byte[] annexB, boolean key) {
        frames.add(new Frame(annexB, key, System.currentTimeMillis() * 1000));
    }

    @Override
    public Codec codec() {
        return Codec.H264;
    }

    @Override
    public VideoFrame acquireNewest() {
        return frames.poll();
    }

    @Override
    public void limitBitrate(int kbps) {
        bitrateLimit = kbps;
    }

    @Override
    public void requestKeyFrame() {
        keyFrameRequests.incrementAndGet();
    }

    @Override
    public void setPaused(boolean paused) {
        this.paused = paused;
        if (!paused) {
            keyFrameRequests.incrementAndGet(); // as the fan-out does: resuming asks for a key frame
        }
    }

    @Override
    public long skippedFrames() {
        return 0;
    }

    @Override
    public void close() {
        closed = true;
    }
}
