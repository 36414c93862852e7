package org.cubekvm.h264ws.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.cubekvm.api.video.FrameListener;
import org.cubekvm.api.video.VideoFrame;
import org.cubekvm.api.video.VideoStream;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketClose;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketError;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketMessage;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketOpen;
import org.eclipse.jetty.websocket.api.annotations.WebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One H.264 viewer. At most one frame is in flight: when the previous send completes, the
 * newest frame is taken (the capture stream makes a viewer that skipped frames wait for a key
 * frame). Each access unit leaves as one WebSocket message made of two fragments, the 9-byte
 * header and the frame bytes straight from the ring, so nothing is copied or allocated per frame.
 * Its {@link BitratePolicy} tells the shared encoder how much this viewer's link can take.
 */
@WebSocket(autoDemand = true)
public final class H264Socket implements FrameListener {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.h264ws");
    private static final int IDLE = 0;
    private static final int BUSY = 1;
    private static final int CLOSED = 2;
    static final int FLAG_KEY = 1;

    private volatile VideoStream stream;
    private final H264Stats stats;
    private final H264Sockets registry;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private final AtomicBoolean announced = new AtomicBoolean();
    private final ByteBuffer header = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN);
    private final Callback headerSent = Callback.from(this::sendBody, this::failed);
    private final Callback bodySent = Callback.from(this::frameSent, this::failed);
    private volatile Session session;
    /** Run once when the socket is released (ends the watch on its credential). */
    private volatile Runnable onReleased;
    private VideoFrame current;
    /** Acknowledging clients are kept within a second of live (see {@link AckWindow}). */
    private final AckWindow ackWindow = new AckWindow(1_000_000L);
    private final BitratePolicy policy = new BitratePolicy();
    /** Frames announced while a send was in flight; two or more: this viewer fell behind. */
    private final AtomicInteger announcedWhileBusy = new AtomicInteger();
    /**
     * Sends after which this viewer was behind: the capture stream then hands it the next frame
     * in order while the ring has it rather than skipping, so the policy counts these with the
     * skipped frames (guarded by {@code policy}).
     */
    private long fellBehind;
    private final Supplier<BitrateLimits> limits;

    H264Socket(H264Stats stats, H264Sockets registry, Supplier<BitrateLimits> limits) {
        this.stats = stats;
        this.registry = registry;
        this.limits = limits;
    }

    /** Called once, before the upgrade completes; frames announced before the session opens are sent on open. */
    void attach(VideoStream opened) {
        stream = opened;
    }

    @OnWebSocketOpen
    public void onOpen(Session opened) {
        session = opened;
        registry.add(this);
        stats.viewers.incrementAndGet();
        frameAvailable(stream);
    }

    @Override
    public void frameAvailable(VideoStream ignored) {
        announced.set(true);
        if (state.get() == BUSY) {
            announcedWhileBusy.incrementAndGet();
        }
        adaptBitrate();
        if (session != null && stream != null && state.compareAndSet(IDLE, BUSY)) {
            sendNewest();
        }
    }

    /** On the capture thread, once per frame; the policy decides once per window, without allocating. */
    private void adaptBitrate() {
        VideoStream s = stream;
        if (s == null || session == null || state.get() == CLOSED) {
            return;
        }
        int changed;
        long skipped = s.skippedFrames();
        synchronized (policy) {
            changed = policy.evaluate(System.nanoTime(), skipped + fellBehind, limits.get());
        }
        if (changed >= 0) {
            if (LOG.isDebugEnabled()) {
                String window;
                synchronized (policy) {
                    window = policy.lastWindow();
                }
                LOG.debug("viewer bitrate limit {} kbit/s ({})", changed, window);
            }
            s.limitBitrate(changed);
        }
    }

    /** Runs with state BUSY. */
    private void sendNewest() {
        while (true) {
            announced.set(false);
            if (!ackWindowOpen()) {
                // Behind by more than the window: wait for acks (an ack announces again).
                state.set(IDLE);
                return;
            }
            VideoFrame frame = stream.acquireNewest();
            if (frame == null) {
                state.set(IDLE);
                if (announced.get() && state.compareAndSet(IDLE, BUSY)) {
                    continue;
                }
                return;
            }
            current = frame;
            synchronized (ackWindow) {
                ackWindow.sent(frame.captureMicros());
            }
            header.clear();
            header.put(0, (byte) (frame.key() ? FLAG_KEY : 0));
            header.putLong(1, frame.captureMicros());
            header.limit(9);
            announcedWhileBusy.set(0);
            synchronized (policy) {
                policy.sendStarted(System.nanoTime());
            }
            session.sendPartialBinary(header, false, headerSent);
            return;
        }
    }

    private boolean ackWindowOpen() {
        synchronized (ackWindow) {
            return ackWindow.open();
        }
    }

    private void sendBody() {
        session.sendPartialBinary(current.data(), true, bodySent);
    }

    private void frameSent() {
        VideoFrame frame = current;
        current = null;
        boolean behind = announcedWhileBusy.get() >= 2;
        synchronized (policy) {
            policy.sendCompleted(System.nanoTime(), frame.size());
            if (behind) {
                fellBehind++;
            }
        }
        stats.recordWrite(EpochClock.micros() - frame.encodeDoneMicros());
        if (frame.key()) {
            stats.keyFramesSent.incrementAndGet();
        }
        frame.release();
        if (state.get() == BUSY) {
            sendNewest();
        }
    }

    private void failed(Throwable failure) {
        LOG.debug("send failed: {}", failure.toString());
        close(StatusCode.SERVER_ERROR, "send failed");
    }

    @OnWebSocketMessage
    public void onBinary(ByteBuffer message, Callback callback) {
        try {
            switch (ClientMessage.kind(message)) {
                case ACK -> {
                    long acked = ClientMessage.ackTimestamp(message);
                    long lag = EpochClock.micros() - acked;
                    stats.ackLatency.record(lag);
                    synchronized (policy) {
                        policy.acked(lag);
                    }
                    boolean reopened;
                    synchronized (ackWindow) {
                        reopened = ackWindow.acked(acked);
                    }
                    if (reopened) {
                        frameAvailable(stream);
                    }
                }
                case KEY_FRAME -> stream.requestKeyFrame();
                case VISIBILITY -> stream.setPaused(!ClientMessage.visible(message));
                case MALFORMED -> stats.malformedMessages.incrementAndGet();
            }
        } finally {
            callback.succeed();
        }
    }

    @OnWebSocketMessage
    public void onText(String message) {
        stats.malformedMessages.incrementAndGet();
    }

    @OnWebSocketClose
    public void onClose(int status, String reason) {
        release();
    }

    @OnWebSocketError
    public void onError(Throwable cause) {
        LOG.debug("socket error: {}", cause.toString());
        release();
    }

    @Override
    public void streamClosed(VideoStream ignored, String reason) {
        close(StatusCode.SERVER_ERROR, reason.length() > 100 ? reason.substring(0, 100) : reason);
    }

    /** Ends the session (bundle stopping, capture ended). */
    void close(int status, String reason) {
        Session s = session;
        release();
        if (s != null && s.isOpen()) {
            s.close(status, reason, Callback.NOOP);
        }
    }

    /** {@code hook} runs once when this socket is released, however it ends. */
    void whenReleased(Runnable hook) {
        onReleased = hook;
    }

    private void release() {
        if (state.getAndSet(CLOSED) == CLOSED) {
            return;
        }
        Runnable hook = onReleased;
        if (hook != null) {
            hook.run();
        }
        registry.remove(this);
        stats.viewers.decrementAndGet();
        VideoStream s = stream;
        if (s != null) {
            s.close();
        }
    }
}
