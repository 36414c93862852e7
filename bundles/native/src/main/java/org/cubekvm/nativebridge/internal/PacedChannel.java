package org.cubekvm.nativebridge.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.cubekvm.api.video.EncoderChannel;
import org.cubekvm.api.video.EncoderSettings;
import org.cubekvm.api.video.VideoUnavailableException;

/**
 * What every channel shares: the pacing of {@link #pull} to the configured fps (the puller
 * parks until the next tick, it never spins), the coalesced key-frame request, the metadata of
 * the last frame and a close that wakes a parked puller and waits for a native call in
 * progress. Subclasses produce one frame per tick in {@link #produce}.
 * <p>
 * Nothing on the pull path allocates: no boxing, no lambdas, no iterators.
 */
abstract class PacedChannel implements EncoderChannel {
    /** {@link #produce} made nothing new this tick (unchanged picture, dropped frame): pull returns 0. */
    static final int UNCHANGED = 0;
    /** {@link #produce} has nothing to encode (no source, no signal): pull waits for the next tick. */
    static final int NO_SIGNAL = -1;

    /** Guards the native handle: close() and reconfigure() never free or change it under a running call. */
    protected final Object nativeLock = new Object();

    private final TickSchedule schedule;
    private final AtomicBoolean keyFrameRequested = new AtomicBoolean();
    private final ChannelRegistry registry;
    private volatile EncoderSettings settings;
    private volatile boolean closed;
    private volatile String closedReason;
    private volatile Thread puller;
    private volatile int maxFrameBytes;
    /** System.nanoTime() when the current pull gives up (puller thread only). */
    private long pullDeadline;

    private long frameSeq;
    private long frameCaptureMicros;
    private long frameEncodeDoneMicros;
    private boolean frameKey;
    private int frameWidth;
    private int frameHeight;

    PacedChannel(EncoderSettings settings, int maxFrameBytes, ChannelRegistry registry) {
        this.settings = settings;
        this.maxFrameBytes = maxFrameBytes;
        this.schedule = new TickSchedule(settings.fps());
        this.registry = registry;
        registry.add(this);
    }

    /**
     * Produces one frame into {@code target} (direct, from position 0) at a tick.
     *
     * @return its size, {@link #UNCHANGED} or {@link #NO_SIGNAL}
     */
    protected abstract int produce(ByteBuffer target) throws VideoUnavailableException;

    /** Applies new settings to the native side, called under {@link #nativeLock} while open. */
    protected abstract void applySettings(EncoderSettings settings) throws VideoUnavailableException;

    /** Frees the native side, called once under {@link #nativeLock}. */
    protected abstract void release();

    @Override
    public final int pull(ByteBuffer target, long timeoutNanos) throws VideoUnavailableException {
        if (!target.isDirect()) {
            throw new IllegalArgumentException("target must be a direct ByteBuffer");
        }
        if (target.capacity() < maxFrameBytes) {
            throw new IllegalArgumentException("target holds " + target.capacity() + " bytes, frames of this channel"
                    + " need up to " + maxFrameBytes + " (maxFrameBytes())");
        }
        long deadline = System.nanoTime() + Math.max(0, timeoutNanos);
        pullDeadline = deadline;
        puller = Thread.currentThread();
        try {
            boolean waitForTick = !selfPaced();
            while (true) {
                ensureOpen();
                if (waitForTick) {
                    long tick = schedule.next(System.nanoTime());
                    if (tick - deadline > 0) {
                        parkUntil(deadline);
                        ensureOpen();
                        return 0;
                    }
                    if (!parkUntil(tick)) {
                        ensureOpen();
                        return 0; // interrupted: the caller decides what that means
                    }
                    schedule.advance(System.nanoTime());
                } else if (System.nanoTime() - deadline >= 0 || Thread.currentThread().isInterrupted()) {
                    return 0; // interrupted: the caller decides what that means
                }
                int size = produceOrClose(target);
                if (size > 0) {
                    target.clear();
                    target.limit(size);
                    return size;
                }
                if (size == UNCHANGED) {
                    return 0;
                }
                waitForTick = true; // no signal: a self-paced producer is asked again at the next tick, not at once
            }
        } finally {
            puller = null;
        }
    }

    /**
     * True when {@link #produce} waits for its frame itself (a hardware encoder delivering at the
     * configured rate): pull then calls it without waiting for a tick, except after {@link #NO_SIGNAL}.
     */
    protected boolean selfPaced() {
        return false;
    }

    /** Nanoseconds left of the current pull's timeout (for a self-paced producer's own wait); never negative. */
    protected final long remainingNanos() {
        return Math.max(0, pullDeadline - System.nanoTime());
    }

    private int produceOrClose(ByteBuffer target) throws VideoUnavailableException {
        try {
            return produce(target);
        } catch (VideoUnavailableException | RuntimeException e) {
            close("it failed: " + e.getMessage());
            throw e;
        }
    }

    /** Parks until {@code deadline}; false when closed or interrupted first. */
    private boolean parkUntil(long deadline) {
        while (!closed) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return true;
            }
            LockSupport.parkNanos(this, remaining);
        }
        return false;
    }

    private void ensureOpen() throws VideoUnavailableException {
        if (closed) {
            throw new VideoUnavailableException("the encoder channel is closed: " + closedReason);
        }
    }

    /** True (and cleared) when a key frame was asked for since the last call: requests coalesce. */
    protected final boolean takeKeyFrameRequest() {
        return keyFrameRequested.getAndSet(false);
    }

    protected final boolean isClosed() {
        return closed;
    }

    protected final void setFrame(long seq, long captureMicros, long encodeDoneMicros, boolean key, int width,
            int height) {
        frameSeq = seq;
        frameCaptureMicros = captureMicros;
        frameEncodeDoneMicros = encodeDoneMicros;
        frameKey = key;
        frameWidth = width;
        frameHeight = height;
    }

    protected final void setMaxFrameBytes(int bytes) {
        maxFrameBytes = bytes;
    }

    protected final long periodNanos() {
        return schedule.periodNanos();
    }

    @Override
    public final void requestKeyFrame() {
        keyFrameRequested.set(true);
    }

    @Override
    public final void reconfigure(EncoderSettings next) throws VideoUnavailableException {
        EncoderSettings current = settings;
        if (next.codec() != current.codec()) {
            throw new IllegalArgumentException("a channel cannot change its codec from " + current.codec() + " to "
                    + next.codec() + "; open another channel");
        }
        if (next.width() != current.width() || next.height() != current.height()) {
            throw new IllegalArgumentException("a channel cannot change its size from " + current.width() + "x"
                    + current.height() + " to " + next.width() + "x" + next.height() + "; open another channel");
        }
        synchronized (nativeLock) {
            ensureOpen();
            applySettings(next);
            settings = next;
        }
        schedule.setFps(next.fps());
    }

    @Override
    public final EncoderSettings settings() {
        return settings;
    }

    @Override
    public final int maxFrameBytes() {
        return maxFrameBytes;
    }

    @Override
    public final long frameSeq() {
        return frameSeq;
    }

    @Override
    public final long frameCaptureMicros() {
        return frameCaptureMicros;
    }

    @Override
    public final long frameEncodeDoneMicros() {
        return frameEncodeDoneMicros;
    }

    @Override
    public final boolean frameKey() {
        return frameKey;
    }

    @Override
    public final int frameWidth() {
        return frameWidth;
    }

    @Override
    public final int frameHeight() {
        return frameHeight;
    }

    @Override
    public final void close() {
        close("closed by its user");
    }

    /** Closes with a reason that a later pull reports; idempotent, callable from any thread. */
    final void close(String reason) {
        synchronized (nativeLock) {
            if (closed) {
                return;
            }
            closedReason = reason;
            closed = true;
            release();
        }
        Thread parked = puller;
        if (parked != null) {
            LockSupport.unpark(parked);
        }
        registry.remove(this);
    }
}
