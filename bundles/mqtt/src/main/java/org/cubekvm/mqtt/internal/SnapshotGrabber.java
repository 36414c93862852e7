package org.cubekvm.mqtt.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.FrameListener;
import org.cubekvm.api.video.VideoCapture;
import org.cubekvm.api.video.VideoFrame;
import org.cubekvm.api.video.VideoStream;
import org.cubekvm.api.video.VideoUnavailableException;

/**
 * One JPEG of the screen from the shared MJPEG encoder (as {@code GET /api/snapshot} takes it), for
 * the Home Assistant camera. Runs on the bridge's snapshot thread, never on a capture thread.
 */
final class SnapshotGrabber {
    private SnapshotGrabber() {
    }

    /** @return the JPEG, or null when no picture arrived within {@code waitMillis} */
    static byte[] grab(VideoCapture capture, long waitMillis) throws VideoUnavailableException, InterruptedException {
        Semaphore ready = new Semaphore(0);
        FrameListener listener = stream -> ready.release();
        try (VideoStream stream = capture.open(Codec.MJPEG, "snapshot", listener)) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
            VideoFrame frame = stream.acquireNewest();
            while (frame == null && System.nanoTime() < deadline) {
                ready.tryAcquire(50, TimeUnit.MILLISECONDS);
                frame = stream.acquireNewest();
            }
            if (frame == null) {
                return null;
            }
            try {
                ByteBuffer data = frame.data().duplicate();
                byte[] jpeg = new byte[frame.size()];
                data.get(jpeg);
                return jpeg;
            } finally {
                frame.release();
            }
        }
    }
}
