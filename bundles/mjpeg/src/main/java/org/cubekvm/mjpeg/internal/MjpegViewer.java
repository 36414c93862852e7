package org.cubekvm.mjpeg.internal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.cubekvm.api.video.FrameListener;
import org.cubekvm.api.video.VideoFrame;
import org.cubekvm.api.video.VideoStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MJPEG client. Writes are non-blocking: when the socket is ready the viewer takes the
 * newest frame (never a backlog) and hands its header and bytes to Jetty; when it is not,
 * Jetty calls {@link #onWritePossible()} later. The capture thread only flips a flag and, if
 * the viewer is idle, starts the next non-blocking write; it never waits on the socket.
 * <p>
 * With a {@link SendGate}, a frame announced while the socket still holds most of the previous
 * one is not taken yet: the viewer waits (state WAITING, no thread held) until the
 * {@link SendPacer} sees the socket drained, and then takes the newest frame. Without it, the
 * frame taken the moment the previous one was handed to the kernel would wait behind it.
 */
final class MjpegViewer implements FrameListener, WriteListener, SendPacer.Waiter {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.mjpeg");
    private static final int IDLE = 0;
    private static final int BUSY = 1;
    private static final int CLOSED = 2;
    /** A frame is announced but the socket still holds the previous one; the pacer resumes it. */
    private static final int WAITING = 3;
    /** How long an ending viewer may take to read its last part and the closing boundary. */
    static final long END_GRACE_NANOS = 2_000_000_000L;

    private final AsyncContext async;
    private final ServletOutputStream out;
    private final long minIntervalNanos;
    private final MjpegViewers registry;
    private final SendGate gate;
    private final SendPacer pacer;
    private final AtomicInteger state = new AtomicInteger(BUSY);
    private final AtomicBoolean announced = new AtomicBoolean();
    private final PartHeader header = new PartHeader();
    private volatile VideoStream stream;
    private VideoFrame current;
    private boolean bodyPending;
    /** Set by {@link #end()}: finish the part in flight, write the closing boundary, complete. */
    private volatile boolean ending;
    private volatile long endingSinceNanos;
    private boolean closingWritten;
    private boolean first = true;
    private long lastSentNanos;
    /** When the previous frame's last byte was handed to the socket. */
    private long lastWrittenNanos;
    /** Set by the pacer when it found the gate open: the pump takes the next frame without asking again. */
    private boolean gatePassed;

    MjpegViewer(AsyncContext async, ServletOutputStream out, int fps, MjpegViewers registry) {
        this(async, out, fps, registry, null, null);
    }

    /** @param gate null: take the newest frame as soon as the socket takes bytes (then pacer is unused) */
    MjpegViewer(AsyncContext async, ServletOutputStream out, int fps, MjpegViewers registry, SendGate gate,
            SendPacer pacer) {
        this.async = async;
        this.out = out;
        this.minIntervalNanos = fps > 0 ? 1_000_000_000L / fps : 0;
        this.registry = registry;
        this.gate = pacer != null ? gate : null;
        this.pacer = pacer;
        if (this.gate != null) {
            pacer.add(this);
        }
    }

    void attach(VideoStream stream) {
        this.stream = stream;
    }

    @Override
    public void frameAvailable(VideoStream ignored) {
        if (ending && System.nanoTime() - endingSinceNanos > END_GRACE_NANOS) {
            close(); // the client stopped reading: it will never take the closing boundary
            return;
        }
        announced.set(true);
        if (state.compareAndSet(IDLE, BUSY)) {
            pump();
        }
    }

    @Override
    public void onWritePossible() {
        pump();
    }

    @Override
    public boolean resumeIfDue(long nowNanos) {
        if (state.get() != WAITING) {
            return false;
        }
        if (!ending && !gate.open(lastWrittenNanos, nowNanos)) {
            return true;
        }
        if (state.compareAndSet(WAITING, BUSY)) {
            gatePassed = true;
            pump();
        }
        return state.get() == WAITING;
    }

    /** Runs with state BUSY, on exactly one thread at a time. */
    private void pump() {
        try {
            while (true) {
                if (state.get() == CLOSED) {
                    return; // closed after a failed write or by endAll: the response is over
                }
                if (stream == null || !out.isReady()) {
                    return; // Jetty calls onWritePossible when the socket drains
                }
                if (bodyPending) {
                    bodyPending = false;
                    out.write(current.data());
                    continue;
                }
                if (current != null) {
                    current.release();
                    current = null;
                    lastWrittenNanos = System.nanoTime();
                }
                if (closingWritten) {
                    close();
                    return;
                }
                if (ending) {
                    out.write(PartHeader.CLOSING);
                    closingWritten = true;
                    continue;
                }
                boolean passed = gatePassed;
                gatePassed = false;
                if (gate != null && !passed && announced.get() && !gate.open(lastWrittenNanos, System.nanoTime())) {
                    if (state.compareAndSet(BUSY, WAITING)) { // not if closed meanwhile
                        pacer.wake();
                    }
                    return; // the pacer resumes the pump once the socket has drained
                }
                announced.set(false);
                VideoFrame frame = nextFrame();
                if (frame == null) {
                    state.set(IDLE);
                    // A frame (or the end) announced after we looked must not be missed.
                    if ((announced.get() || ending) && state.compareAndSet(IDLE, BUSY)) {
                        continue;
                    }
                    return;
                }
                current = frame;
                int length = header.format(first, frame.size(), frame.captureMicros(), frame.seq());
                first = false;
                bodyPending = true;
                out.write(header.bytes, 0, length);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("viewer write failed: {}", e.toString());
            close();
        }
    }

    private VideoFrame nextFrame() {
        long now = System.nanoTime();
        if (minIntervalNanos > 0 && lastSentNanos != 0 && now - lastSentNanos < minIntervalNanos) {
            return null;
        }
        VideoFrame frame = stream.acquireNewest();
        if (frame != null) {
            lastSentNanos = now;
        }
        return frame;
    }

    @Override
    public void onError(Throwable t) {
        close();
    }

    @Override
    public void streamClosed(VideoStream ignored, String reason) {
        LOG.debug("stream ended: {}", reason);
        end();
    }


    /**
     * Ends the response cleanly (bundle stopping, capture ended, credential revoked): the part in
     * flight is finished, then the closing boundary is written and the response completed, all
     * by the pump, so no pending non-blocking write is cut off. A client that stopped reading
     * never lets that happen: {@link MjpegViewers#endAll} aborts it after a grace period.
     */
    void end() {
        endingSinceNanos = System.nanoTime();
        ending = true;
        if (state.compareAndSet(IDLE, BUSY)) {
            pump();
        }
    }

    boolean closed() {
        return state.get() == CLOSED;
    }

    /** The client went away or the write failed. */
    void close() {
        if (state.getAndSet(CLOSED) == CLOSED) {
            return;
        }
        releaseStream();
        complete();
    }

    private void releaseStream() {
        registry.remove(this);
        if (gate != null) {
            pacer.remove(this);
        }
        VideoStream s = stream;
        if (s != null) {
            s.close();
        }
    }

    private void complete() {
        try {
            async.complete();
        } catch (RuntimeException e) {
            // already completed by the container
        }
    }
}
