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
 * costs the others nothing but its own packets.
 */
final class RtpSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.webrtc");
    private final CopyOnWriteArrayList<WebRtcSession> sessions = new CopyOnWriteArrayList<>();
    private final Semaphore wake = new Semaphore(0);
    private final H264Packetizer packetizer = new H264Packetizer();
    private final Thread thread;
    private volatile boolean running = true;

    RtpSender() {
        thread = new Thread(this::run, "webrtc-sender");
        thread.setDaemon(true);
        thread.start();
    }

    void add(WebRtcSession session) {
        sessions.add(session);
    }

    void remove(WebRtcSession session) {
        sessions.remove(session);
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
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
