package org.cubekvm.webrtc.internal;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one named thread that sends media for every session. The capture thread only flags a
 * session and wakes it; the sender packetizes each session's newest frame into its preallocated
 * buffer, protects it in place and hands it to the non-blocking socket, so a slow or lossy peer
 * costs the others nothing but its own packets. The thread starts with the first session
 * ({@link #add}): an unused WebRTC costs no thread.
 */
final class RtpSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.webrtc");
    private final CopyOnWriteArrayList<WebRtcSession> sessions = new CopyOnWriteArrayList<>();
    private final Semaphore wake = new Semaphore(0);
    private final H264Packetizer packetizer = new H264Packetizer();
    private Thread thread;
    private boolean closed;
    private volatile boolean running = true;

    void add(WebRtcSession session) {
        sessions.add(session);
        start();
    }

    private synchronized void start() {
        if (thread == null && !closed) {
            thread = new Thread(this::run, "webrtc-sender");
            thread.setDaemon(true);
            thread.start();
        }
    }

    void remove(WebRtcSession session) {
        sessions.remove(session);
    }

    /** Whether the sender thread runs (it starts with the first session). */
    synchronized boolean sending() {
        return thread != null && thread.isAlive();
    }

    /** From any thread: there may be something to send. */
    void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    private void run() {
        while (running) {
            try {
                wake.tryAcquire(1, TimeUnit.SECONDS);
                wake.drainPermits();
                long now = System.nanoTime();
                for (WebRtcSession session : sessions) {
                    session.maybeSendReport(now);
                    if (session.pending) {
                        try {
                            session.sendNewest(packetizer);
                        } catch (RuntimeException e) {
                            LOG.warn("webrtc: sending to session {} failed; ending it", session.id, e);
                            session.close("send failed");
                        }
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        Thread started;
        synchronized (this) {
            closed = true;
            started = thread;
        }
        running = false;
        if (started == null) {
            return;
        }
        started.interrupt();
        try {
            started.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
