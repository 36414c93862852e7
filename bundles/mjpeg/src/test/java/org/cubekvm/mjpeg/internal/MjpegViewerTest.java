package org.cubekvm.mjpeg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.VideoFrame;
import org.cubekvm.api.video.VideoStream;
import org.junit.jupiter.api.Test;

/**
 * The non-blocking write state machine of one MJPEG response, driven by hand on one thread: the
 * socket's readiness is a flag, Jetty's "write possible" callback is a method call.
 */
class MjpegViewerTest {
    private final Socket out = new Socket();
    private final AtomicInteger completed = new AtomicInteger();
    private final AsyncContext async = (AsyncContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {AsyncContext.class}, (proxy, method, args) -> {
                if (method.getName().equals("complete")) {
                    completed.incrementAndGet();
                }
                return null;
            });
    private final Stream stream = new Stream();
    private final MjpegViewers registry = new MjpegViewers();
    private final MjpegViewer viewer = new MjpegViewer(async, out, 0, registry);

    MjpegViewerTest() {
        viewer.attach(stream);
        registry.add(viewer);
        viewer.onWritePossible(); // as Jetty does once the write listener is set: nothing to send yet, so idle
    }

    @Test
    void aReadySocketGetsTheNewestFrameAsOnePartAndTheFrameIsReleased() {
        Frame frame = stream.offer(1, "JPEG-ONE");
        viewer.frameAvailable(stream);
        assertEquals(part(true, 1, "JPEG-ONE"), out.text());
        assertEquals(1, frame.released, "released once its bytes were handed to the socket");
        Frame second = stream.offer(2, "JPEG-TWO");
        viewer.frameAvailable(stream);
        assertEquals(part(true, 1, "JPEG-ONE") + part(false, 2, "JPEG-TWO"), out.text());
        assertEquals(1, second.released);
    }

    @Test
    void whileTheSocketIsFullAnnouncedFramesAreNotQueuedAndTheNewestIsSentNext() {
        out.fillsAfterEachWrite = true;
        Frame first = stream.offer(1, "ONE");
        viewer.frameAvailable(stream);
        assertEquals(header(true, 1, 3), out.text(), "the header went out, then the socket was full");
        Frame skipped = stream.offer(2, "TWO");
        viewer.frameAvailable(stream);
        Frame newest = stream.offer(3, "THREE");
        viewer.frameAvailable(stream);
        assertEquals(header(true, 1, 3), out.text(), "nothing is written while the socket is full");
        drain();
        assertEquals(part(true, 1, "ONE") + part(false, 3, "THREE"), out.text(), "the newest frame, never a backlog");
        assertEquals(0, skipped.acquired, "a frame that was overtaken is never taken");
        assertEquals(1, first.released);
        assertEquals(1, newest.released);
        assertFalse(viewer.closed());
    }

    @Test
    void endingAnIdleViewerWritesTheClosingBoundaryAndCompletesOnce() {
        stream.offer(1, "ONE");
        viewer.frameAvailable(stream);
        viewer.end();
        assertEquals(part(true, 1, "ONE") + "\r\n--frame--\r\n", out.text());
        assertEquals(1, completed.get());
        assertTrue(viewer.closed());
        assertTrue(stream.closed, "the video stream is given back");
        viewer.end();
        viewer.frameAvailable(stream);
        assertEquals(1, completed.get(), "completed once");
    }

    @Test
    void endingWhileABodyIsPendingFinishesThatPartBeforeTheClosingBoundary() {
        out.fillsAfterEachWrite = true;
        stream.offer(1, "ONE");
        viewer.frameAvailable(stream);
        viewer.end(); // the capture thread or a revocation; the pump is busy with frame 1
        assertEquals(0, completed.get(), "a pending write is never cut off");
        drain();
        assertEquals(part(true, 1, "ONE") + "\r\n--frame--\r\n", out.text());
        assertEquals(1, completed.get());
        assertTrue(stream.closed);
    }

    @Test
    void aFailedWriteClosesTheViewerAndLaterFramesWriteNothing() {
        out.failNextWrite = true;
        stream.offer(1, "ONE");
        viewer.frameAvailable(stream);
        assertTrue(viewer.closed());
        assertTrue(stream.closed);
        assertEquals(1, completed.get());
        stream.offer(2, "TWO");
        viewer.frameAvailable(stream);
        viewer.onWritePossible();
        assertEquals("", out.text());
        assertEquals(1, completed.get());
    }

    @Test
    void aFrameAnnouncedBeforeTheStreamIsAttachedIsSentOnceTheSocketIsReady() {
        MjpegViewer fresh = new MjpegViewer(async, out, 0, registry);
        fresh.frameAvailable(stream); // busy until the first write-possible: nothing happens yet
        assertEquals("", out.text());
        fresh.attach(stream);
        stream.offer(7, "SEVEN");
        fresh.onWritePossible();
        assertEquals(part(true, 7, "SEVEN"), out.text());
    }

    @Test
    void aFrameAnnouncedWhileTheSocketStillHoldsThePreviousOneWaitsAndTheNewestIsTakenOnceItDrains() {
        Gated gated = new Gated();
        Frame one = stream.offer(1, "ONE");
        gated.viewer.frameAvailable(stream);
        assertEquals(part(true, 1, "ONE"), out.text(), "an empty socket: the frame goes at once");
        assertEquals(1, one.released);
        gated.queued.set(60_000); // the frame is in the kernel and on the link, not acknowledged
        Frame skipped = stream.offer(2, "TWO");
        gated.viewer.frameAvailable(stream);
        Frame newest = stream.offer(3, "THREE");
        gated.viewer.frameAvailable(stream);
        assertEquals(part(true, 1, "ONE"), out.text(), "nothing is taken while the previous frame has not left");
        assertEquals(1, gated.wakes.get(), "the pacer's thread was started to look");
        assertTrue(gated.viewer.resumeIfDue(System.nanoTime()), "still waiting while 60 000 bytes are queued");
        assertEquals(part(true, 1, "ONE"), out.text());
        gated.queued.set(10_000);
        assertFalse(gated.viewer.resumeIfDue(System.nanoTime()), "drained below the threshold: resumed");
        assertEquals(part(true, 1, "ONE") + part(false, 3, "THREE"), out.text(), "the newest frame when the link can take it");
        assertEquals(0, skipped.acquired);
        assertEquals(1, newest.released);
    }

    @Test
    void aWaitingViewerGoesOnAtTheDeadlineWhenTheQueueNeverDrains() {
        Gated gated = new Gated();
        gated.secondFrameWaitsBehind(1_000_000);
        assertTrue(gated.viewer.resumeIfDue(System.nanoTime()));
        assertFalse(gated.viewer.resumeIfDue(System.nanoTime() + 2_000_000_000L), "past the one-second wait");
        assertEquals(part(true, 1, "ONE") + part(false, 2, "TWO"), out.text());
    }

    @Test
    void onAFastLinkNoViewerWaitsAndThePacerIsNeverWoken() {
        Gated gated = new Gated();
        for (int seq = 1; seq <= 3; seq++) {
            stream.offer(seq, "F" + seq);
            gated.viewer.frameAvailable(stream); // the previous frame was acknowledged long ago
        }
        assertEquals(part(true, 1, "F1") + part(false, 2, "F2") + part(false, 3, "F3"), out.text());
        assertEquals(0, gated.wakes.get());
        assertFalse(gated.viewer.resumeIfDue(System.nanoTime()), "not waiting");
    }

    @Test
    void endingAWaitingViewerWritesTheClosingBoundaryWhenThePacerLooksAndLeavesThePacer() {
        Gated gated = new Gated();
        gated.secondFrameWaitsBehind(60_000);
        gated.viewer.end();
        assertEquals(0, completed.get(), "waiting: the pacer finishes it");
        assertFalse(gated.viewer.resumeIfDue(System.nanoTime()));
        assertEquals(part(true, 1, "ONE") + "\r\n--frame--\r\n", out.text());
        assertEquals(1, completed.get());
        assertTrue(gated.viewer.closed());
        assertEquals(0, gated.pacer.waiters(), "a closed viewer is no longer in the pacer");
    }

    /** A viewer with a gate over a send queue the test sets, and a pacer whose thread never runs. */
    private final class Gated {
        final AtomicInteger queued = new AtomicInteger();
        final AtomicInteger wakes = new AtomicInteger();
        final SendPacer pacer = new SendPacer(1_000_000L, run -> {
            wakes.incrementAndGet();
            return new Thread(() -> { });
        });
        final MjpegViewer viewer;

        Gated() {
            viewer = new MjpegViewer(async, out, 0, registry, new SendGate(queued::get, 16 * 1024, 1_000_000_000L), pacer);
            viewer.attach(stream);
            registry.add(viewer);
            viewer.onWritePossible();
            assertEquals(1, pacer.waiters(), "a gated viewer is in the pacer from the start");
        }

        /** Frame ONE is sent; {@code queuedBytes} of it stay unacknowledged; frame TWO arrives and waits. */
        void secondFrameWaitsBehind(int queuedBytes) {
            stream.offer(1, "ONE");
            viewer.frameAvailable(stream);
            queued.set(queuedBytes);
            stream.offer(2, "TWO");
            viewer.frameAvailable(stream);
        }
    }

    /** Jetty calls write-possible each time the socket drains, until the viewer has nothing left. */
    private void drain() {
        for (int i = 0; i < 100 && !out.ready; i++) {
            out.ready = true;
            viewer.onWritePossible();
        }
    }

    private static String header(boolean first, long seq, int length) {
        return (first ? "" : "\r\n") + "--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + length
                + "\r\nX-Timestamp: " + seq * 1000 + "\r\nX-Frame-Seq: " + seq + "\r\n\r\n";
    }

    private static String part(boolean first, long seq, String body) {
        return header(first, seq, body.length()) + body;
    }

    /** A socket whose readiness the test controls. */
    private static final class Socket extends ServletOutputStream {
        private final ByteArrayOutputStream written = new ByteArrayOutputStream();
        boolean ready = true;
        boolean fillsAfterEachWrite;
        boolean failNextWrite;

        String text() {
            return written.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (!ready) {
                throw new IllegalStateException("write while not ready: the servlet API forbids it");
            }
            if (failNextWrite) {
                failNextWrite = false;
                throw new IOException("connection reset");
            }
            written.write(bytes, offset, length);
            ready = !fillsAfterEachWrite;
        }

        @Override
        public void write(ByteBuffer buffer) throws IOException {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            write(bytes, 0, bytes.length);
        }
    }

    private static final class Frame implements VideoFrame {
        private final long seq;
        private final byte[] bytes;
        int acquired;
        int released;

        Frame(long seq, String body) {
            this.seq = seq;
            this.bytes = body.getBytes(StandardCharsets.US_ASCII);
        }

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
            return seq;
        }

        @Override
        public long captureMicros() {
            return seq * 1000;
        }

        @Override
        public long encodeDoneMicros() {
            return seq * 1000 + 1;
        }

        @Override
        public boolean key() {
            return true;
        }

        @Override
        public int width() {
            return 640;
        }

        @Override
        public int height() {
            return 360;
        }

        @Override
        public Codec codec() {
            return Codec.MJPEG;
        }

        @Override
        public void release() {
            released++;
        }
    }

    /** Gives out the newest frame once, as the capture service does. */
    private static final class Stream implements VideoStream {
        private Frame newest;
        private Frame given;
        boolean closed;

        Frame offer(long seq, String body) {
            newest = new Frame(seq, body);
            return newest;
        }

        @Override
        public Codec codec() {
            return Codec.MJPEG;
        }

        @Override
        public VideoFrame acquireNewest() {
            if (closed || newest == null || newest == given) {
                return null;
            }
            given = newest;
            given.acquired++;
            return given;
        }

        @Override
        public void requestKeyFrame() {
        }

        @Override
        public void setPaused(boolean paused) {
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
}
