package org.cubekvm.h264ws.internal;

/**
 * Keeps a viewer that acknowledges frames close to live. Socket buffers are sized in bytes, and
 * at the low bitrate of a quiet screen even a small one holds many seconds of H.264: a viewer
 * that stalls would later be fed video seconds old. When the frames sent but not yet acknowledged
 * span more than the window, no further frame is sent; when acks catch up, the viewer resumes
 * with the newest frame (after a skip the capture stream starts it at a key frame). Clients that
 * never ack (acks are optional) are not held back. Not thread-safe: the socket synchronises.
 */
final class AckWindow {
    private final long windowMicros;
    private boolean acking;
    private long lastSentMicros;
    private long lastAckedMicros;

    AckWindow(long windowMicros) {
        this.windowMicros = windowMicros;
    }

    void sent(long captureMicros) {
        lastSentMicros = captureMicros;
    }

    /** @return whether this ack reopened a window that was closed */
    boolean acked(long captureMicros) {
        boolean wasClosed = !open();
        acking = true;
        if (captureMicros > lastAckedMicros) {
            lastAckedMicros = captureMicros;
        }
        return wasClosed && open();
    }

    /** Whether another frame may be sent now. */
    boolean open() {
        return !acking || lastSentMicros - lastAckedMicros <= windowMicros;
    }
}
