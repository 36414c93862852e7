package org.cubekvm.mjpeg.internal;

import org.cubekvm.api.net.SendQueue;

/**
 * When an MJPEG viewer may take its next frame: once its socket holds at most
 * {@code thresholdBytes} that the client has not acknowledged (the previous frame has nearly
 * left, whether its bytes wait in the kernel's send buffer or in a shaper or router queue on the
 * way), or once {@code maxWaitNanos} have passed since the previous frame was handed to the
 * socket, or when the queue cannot be read. So the frame it takes is the newest when the link
 * can carry it, and about one frame is in flight. Allocation free.
 */
final class SendGate {
    private final SendQueue queue;
    private final int thresholdBytes;
    private final long maxWaitNanos;

    SendGate(SendQueue queue, int thresholdBytes, long maxWaitNanos) {
        if (thresholdBytes <= 0 || maxWaitNanos <= 0) {
            throw new IllegalArgumentException("thresholdBytes and maxWaitNanos must be positive, were " + thresholdBytes
                    + " and " + maxWaitNanos);
        }
        this.queue = queue;
        this.thresholdBytes = thresholdBytes;
        this.maxWaitNanos = maxWaitNanos;
    }

    /**
     * @param lastWrittenNanos when the previous frame's last byte was handed to the socket
     *     ({@link System#nanoTime()})
     */
    boolean open(long lastWrittenNanos, long nowNanos) {
        if (nowNanos - lastWrittenNanos >= maxWaitNanos) {
            return true;
        }
        int bytes = queue.bytes();
        return bytes < 0 || bytes <= thresholdBytes;
    }
}
