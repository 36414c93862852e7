package org.cubekvm.capture.internal;

import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.FrameListener;
import org.cubekvm.api.video.VideoFrame;
import org.cubekvm.api.video.VideoStream;

/**
 * One viewer of a {@link CaptureChannel}: takes the newest frame when it is ready for one,
 * never a backlog. For H.264 it starts at a key frame and, after skipping any frame, waits for
 * the next key frame (asking for one) so its decoder never sees a broken reference chain.
 */
final class Viewer implements VideoStream {
    static final int KEY_REQUESTS_PER_SECOND = 5;

    private final CaptureChannel channel;
    private final FrameListener listener;
    private final String transport;
    private final KeyRequestLimiter limiter = new KeyRequestLimiter(KEY_REQUESTS_PER_SECOND);
    private FrameRing ring;
    private ViewerFrame[] frames;
    private ViewerFrame retained;
    private long lastSeq;
    private boolean needKey;
    private long skipped;
    /** H.264 frames taken in order from behind the newest instead of skipping to it. */
    private long caughtUp;
    private long delivered;
    private volatile boolean paused;
    private volatile boolean closed;
    /** kbit/s this viewer's link can take; 0: no limit (see {@link #limitBitrate}). */
    private volatile int bitrateLimitKbps;

    Viewer(CaptureChannel channel, FrameListener listener, String transport) {
        this.channel = channel;
        this.listener = listener;
        this.transport = transport;
        this.needKey = channel.codec() == Codec.H264;
    }

    FrameListener listener() {
        return listener;
    }

    String transport() {
        return transport;
    }

    boolean watching() {
        return !paused && !closed;
    }

    @Override
    public Codec codec() {
        return channel.codec();
    }

    @Override
    public synchronized VideoFrame acquireNewest() {
        releaseRetained();
        if (closed) {
            return null;
        }
        FrameRing current = channel.ring();
        if (current == null) {
            return null;
        }
        if (current != ring) {
            bindRing(current);
        }
        FrameSlot slot = current.acquireNewest();
        if (slot == null) {
            return null;
        }
        if (slot.seq <= lastSeq) {
            current.release(slot);
            return null;
        }
        boolean gap = lastSeq != 0 && slot.seq != lastSeq + 1;
        if (codec() == Codec.H264 && gap && !needKey && !slot.key) {
            // Behind by a frame or more (its socket was busy): the next frame keeps the reference
            // chain while the ring still has it. Newest-wins would break the chain and cost every
            // viewer a key frame, whose size on a tight link makes this one fall behind again.
            FrameSlot following = current.acquire(lastSeq + 1);
            if (following != null) {
                current.release(slot);
                slot = following;
                gap = false;
                caughtUp++;
            }
        }
        if (codec() == Codec.H264 && !slot.key && (needKey || gap)) {
            // A P frame after a skipped frame cannot be decoded: wait for the next key frame.
            needKey = true;
            skipped++;
            lastSeq = slot.seq;
            current.release(slot);
            requestKeyFrameLimited();
            return null;
        }
        if (gap) {
            skipped += slot.seq - lastSeq - 1;
        }
        needKey = false;
        lastSeq = slot.seq;
        delivered++;
        retained = frames[slot.index].bind();
        return retained;
    }

    private void bindRing(FrameRing current) {
        ring = current;
        frames = new ViewerFrame[current.slotCount()];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = new ViewerFrame(this, current.slot(i), channel.codec());
        }
        lastSeq = 0;
        needKey = channel.codec() == Codec.H264;
    }

    synchronized void release(ViewerFrame frame) {
        if (retained == frame) {
            releaseRetained();
        }
    }

    private void releaseRetained() {
        if (retained != null) {
            ring.release(retained.slot());
            retained = null;
        }
    }

    @Override
    public synchronized void requestKeyFrame() {
        requestKeyFrameLimited();
    }

    private void requestKeyFrameLimited() {
        if (limiter.tryAcquire(System.nanoTime())) {
            channel.requestKeyFrame();
        }
    }

    @Override
    public void setPaused(boolean paused) {
        boolean resumed;
        synchronized (this) {
            resumed = this.paused && !paused;
            this.paused = paused;
            if (resumed && codec() == Codec.H264) {
                needKey = true;
            }
        }
        if (resumed && codec() == Codec.H264) {
            // A tab turning visible is like a joining viewer: never refused.
            channel.requestKeyFrame();
        }
        channel.viewersChanged();
    }

    @Override
    public void limitBitrate(int kbps) {
        if (kbps < 0) {
            throw new IllegalArgumentException("a bitrate limit must be 0 (none) or positive, was " + kbps);
        }
        if (kbps != bitrateLimitKbps) {
            bitrateLimitKbps = kbps;
            channel.bitrateLimitsChanged();
        }
    }

    int bitrateLimitKbps() {
        return bitrateLimitKbps;
    }

    @Override
    public synchronized long skippedFrames() {
        return skipped;
    }

    /** H.264 frames this viewer took in order from behind the newest instead of skipping (for tests). */
    synchronized long caughtUpFrames() {
        return caughtUp;
    }

    /** Frames handed to this viewer, for {@code /metrics}. */
    synchronized long deliveredFrames() {
        return delivered;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            releaseRetained();
        }
        channel.removeViewer(this);
    }

    /** The channel ended under this viewer. */
    void channelClosed(String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            releaseRetained();
        }
        listener.streamClosed(this, reason);
    }
}
