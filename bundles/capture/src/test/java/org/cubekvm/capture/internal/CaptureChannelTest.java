package org.cubekvm.capture.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.FrameListener;
import org.cubekvm.api.video.VideoFrame;
import org.cubekvm.api.video.VideoStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CaptureChannelTest {
    private final FakeEncoder encoder = new FakeEncoder();
    private final Semaphore announced = new Semaphore(0);
    private final FrameListener listener = stream -> announced.release();
    private CaptureChannel channel;

    private CaptureChannel channel(Codec codec, long lingerMillis) {
        VideoSettings settings = VideoSettingsParser.merge(VideoSettings.DEFAULTS, java.util.Map.of("gop", 600.0), false);
        channel = new CaptureChannel(codec, encoder, settings, lingerMillis, 6);
        return channel;
    }

    @AfterEach
    void stop() {
        if (channel != null) {
            channel.shutdown("test over");
        }
    }

    private VideoFrame next(VideoStream stream) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            announced.tryAcquire(50, TimeUnit.MILLISECONDS);
            VideoFrame frame = stream.acquireNewest();
            if (frame != null) {
                return frame;
            }
        }
        throw new AssertionError("no frame within 30 s");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what);
            }
            Thread.sleep(10); // polling with the deadline above
        }
    }

    @Test
    void firstViewerStartsTheEncoderAndTheFirstH264FrameIsKey() throws Exception {
        CaptureChannel channel = channel(Codec.H264, 100);
        VideoStream stream = channel.addViewer(new Viewer(channel, listener, "h264"));
        VideoFrame first = next(stream);
        assertTrue(first.key());
        assertEquals(1, encoder.opened.get());
        stream.close();
    }

    @Test
    void h264ViewerThatSkippedAFrameWaitsForAKeyFrameAndAsksForOne() throws Exception {
        CaptureChannel channel = channel(Codec.H264, 100);
        VideoStream stream = channel.addViewer(new Viewer(channel, listener, "h264"));
        VideoFrame first = next(stream);
        long firstSeq = first.seq();
        first.release();
        int requestsBefore = encoder.keyRequests.get();
        await(() -> channel.ring().newestSeq() > firstSeq + 3, "frames pass while this viewer holds back"); // it falls behind
        VideoFrame resumed = next(stream);
        assertTrue(resumed.seq() > firstSeq + 1);
        assertTrue(resumed.key(), "after a gap the next frame given out must be a key frame");
        assertTrue(encoder.keyRequests.get() > requestsBefore, "the viewer asked for a key frame");
        assertTrue(stream.skippedFrames() > 0);
        stream.close();
    }

    @Test
    void mjpegViewerGetsNewestFrameAfterAPause() throws Exception {
        CaptureChannel channel = channel(Codec.MJPEG, 100);
        VideoStream stream = channel.addViewer(new Viewer(channel, listener, "mjpeg"));
        VideoFrame seen = next(stream);
        long seenSeq = seen.seq();
        seen.release();
        await(() -> channel.ring().newestSeq() > seenSeq + 3, "frames pass while this viewer pauses");
        VideoFrame frame = next(stream);
        assertEquals(channel.ring().newestSeq(), frame.seq(), "newest frame wins, no backlog");
        stream.close();
    }

    @Test
    void lastViewerLeavingStopsTheEncoderAfterTheLinger() throws Exception {
        CaptureChannel channel = channel(Codec.MJPEG, 150);
        VideoStream stream = channel.addViewer(new Viewer(channel, listener, "mjpeg"));
        next(stream);
        stream.close();
        assertTrue(channel.running(), "still running within the linger");
        await(() -> !channel.running(), "encoder still running long after the linger");
        assertEquals(1, encoder.closed.get());
        VideoStream again = channel.addViewer(new Viewer(channel, listener, "mjpeg"));
        assertNotNull(next(again));
        assertEquals(2, encoder.opened.get());
        again.close();
    }

    @Test
    void pausedViewerIsNotWatchingAndResumingH264AsksForAKeyFrame() throws Exception {
        CaptureChannel channel = channel(Codec.H264, 5000);
        VideoStream stream = channel.addViewer(new Viewer(channel, listener, "h264"));
        next(stream).release();
        stream.setPaused(true);
        assertEquals(0, channel.watching("h264"));
        int before = encoder.keyRequests.get();
        stream.setPaused(false);
        assertEquals(1, channel.watching("h264"));
        VideoFrame frame = next(stream);
        assertTrue(frame.key());
        assertTrue(encoder.keyRequests.get() > before);
        stream.close();
    }

    @Test
    void closedViewerGetsNothing() throws Exception {
        CaptureChannel channel = channel(Codec.MJPEG, 100);
        VideoStream stream = channel.addViewer(new Viewer(channel, listener, "mjpeg"));
        next(stream).release();
        stream.close();
        assertNull(stream.acquireNewest());
        assertFalse(channel.watching(null) > 0);
    }

    @Test
    void aKeyFrameRequestedWhileTheEncoderWaitsMakesTheVeryNextFrameAKeyFrame() throws Exception {
        encoder.gate = new Semaphore(0); // each frame waits for a permit: the test decides when the next one comes
        CaptureChannel channel = channel(Codec.H264, 1000);
        VideoStream stream = channel.addViewer(new Viewer(channel, listener, "h264"));
        // The join request may land just after the first IDR and give a second one: wait for a delta frame.
        encoder.gate.release();
        VideoFrame delta = next(stream);
        for (int i = 0; delta.key() && i < 5; i++) {
            delta.release();
            encoder.gate.release();
            delta = next(stream);
        }
        long deltaSeq = delta.seq();
        assertFalse(delta.key(), "with a GOP of 600 delta frames follow the first key frames");
        delta.release();
        // The capture thread is now waiting inside pull() for the next frame.
        await(() -> encoder.pulling() == deltaSeq + 1, "the capture thread waits in pull for the next frame");
        stream.requestKeyFrame();
        encoder.gate.release();
        VideoFrame following = next(stream);
        assertEquals(deltaSeq + 1, following.seq());
        assertTrue(following.key(), "the request reached the encoder before the frame it was waiting for");
        stream.close();
    }
}
