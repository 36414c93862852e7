package org.cubekvm.capture.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.FrameListener;
import org.cubekvm.api.video.VideoFrame;
import org.cubekvm.api.video.VideoStream;
import org.cubekvm.testsupport.Await;
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

    @Test
    void firstViewerStartsTheEncoderAndTheFirstH264FrameIsKey() throws Exception {
        CaptureChannel channel = channel(Codec.H264, 100);
        VideoStream stream = channel.addViewer(new Viewer(channel, listener, "h264"));
        VideoFrame first = next(stream);
        assertTrue(first.key());
        assertEquals(1, encoder.opened.get());
        stream.close();
    }

    /** Gated encoder: the first frames until a delta frame, released; returns that delta frame's seq. */
    private long firstDeltaFrame(VideoStream stream) throws InterruptedException {
        encoder.gate.release();
        VideoFrame frame = next(stream);
        for (int i = 0; frame.key() && i < 5; i++) {
            frame.release();
            encoder.gate.release();
            frame = next(stream);
        }
        assertFalse(frame.key(), "with a GOP of 600 delta frames follow the first key frames");
        long seq = frame.seq();
        frame.release();
        return seq;
    }

    @Test
    void h264ViewerThatFellBehindWithinTheRingTakesTheFramesInOrderWithoutAKeyFrame() throws Exception {
        encoder.gate = new Semaphore(0); // each frame waits for a permit: the test decides when the next one comes
        CaptureChannel channel = channel(Codec.H264, 1000);
        Viewer viewer = new Viewer(channel, listener, "h264");
        VideoStream stream = channel.addViewer(viewer);
        long seq = firstDeltaFrame(stream);
        int requestsBefore = encoder.keyRequests.get();
        encoder.gate.release(3); // three frames pass while this viewer's socket is busy
        Await.until("three more frames in the ring", () -> channel.ring().newestSeq() == seq + 3);
        for (long expected = seq + 1; expected <= seq + 3; expected++) {
            VideoFrame frame = stream.acquireNewest();
            assertEquals(expected, frame.seq(), "the next frame in order, not the newest");
            assertFalse(frame.key());
            frame.release();
        }
        assertEquals(0, stream.skippedFrames(), "nothing skipped");
        assertEquals(2, viewer.caughtUpFrames(), "two frames taken from behind the newest");
        assertEquals(requestsBefore, encoder.keyRequests.get(), "no key frame asked for");
        stream.close();
    }

    @Test
    void h264ViewerThatFellBehindBeyondTheRingWaitsForAKeyFrameAndAsksForOne() throws Exception {
        encoder.gate = new Semaphore(0);
        CaptureChannel channel = channel(Codec.H264, 1000);
        VideoStream stream = channel.addViewer(new Viewer(channel, listener, "h264"));
        long seq = firstDeltaFrame(stream);
        int requestsBefore = encoder.keyRequests.get();
        encoder.gate.release(8); // more frames than the ring's 6 slots: the next one is gone
        Await.until("eight more frames", () -> channel.ring().newestSeq() == seq + 8);
        assertNull(stream.acquireNewest(), "a delta frame after a gap is not given out");
        assertTrue(encoder.keyRequests.get() > requestsBefore, "the viewer asked for a key frame");
        assertTrue(stream.skippedFrames() > 0);
        encoder.gate.release();
        VideoFrame resumed = next(stream);
        assertEquals(seq + 9, resumed.seq());
        assertTrue(resumed.key(), "after a gap the next frame given out must be a key frame");
        stream.close();
    }

    @Test
    void mjpegViewerGetsNewestFrameAfterAPause() throws Exception {
        CaptureChannel channel = channel(Codec.MJPEG, 100);
        VideoStream stream = channel.addViewer(new Viewer(channel, listener, "mjpeg"));
        VideoFrame seen = next(stream);
        long seenSeq = seen.seq();
        seen.release();
        Await.until("frames to pass while this viewer pauses", () -> channel.ring().newestSeq() > seenSeq + 3);
        VideoFrame frame = next(stream);
        assertEquals(channel.ring().newestSeq(), frame.seq(), "newest frame wins, no backlog");
        stream.close();
    }

    @Test
    void lastViewerLeavingStopsTheEncoderAfterTheLinger() throws Exception {
        // A linger no stall of this thread can outlast, so "still running" does not depend on timing.
        CaptureChannel channel = channel(Codec.MJPEG, TimeUnit.MINUTES.toMillis(10));
        VideoStream stream = channel.addViewer(new Viewer(channel, listener, "mjpeg"));
        next(stream);
        stream.close();
        long closedAt = channel.ring().newestSeq();
        Await.until("the capture loop to go on with nobody watching", () -> channel.ring().newestSeq() > closedAt + 3);
        assertTrue(channel.running(), "still running within the linger");
        channel.updateSettings(null, 150, 6); // the same settings (none pending), a short linger
        Await.until("the encoder to stop after the linger", () -> !channel.running());
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
        Await.until("the capture thread to wait in pull for the next frame", () -> encoder.pulling() == deltaSeq + 1);
        stream.requestKeyFrame();
        encoder.gate.release();
        VideoFrame following = next(stream);
        assertEquals(deltaSeq + 1, following.seq());
        assertTrue(following.key(), "the request reached the encoder before the frame it was waiting for");
        stream.close();
    }

    @Test
    void theSharedH264EncoderRunsAtTheLowestLimitOfItsWatchingViewersAndBackAtTheSettingWhenLifted() throws Exception {
        CaptureChannel channel = channel(Codec.H264, 100);
        VideoStream fast = channel.addViewer(new Viewer(channel, listener, "h264"));
        VideoStream slow = channel.addViewer(new Viewer(channel, listener, "h264"));
        next(fast).release();
        assertEquals(4000, encoder.lastSettings.bitrateKbps(), "no limits: the configured bitrate");
        slow.limitBitrate(1500);
        fast.limitBitrate(6000);
        Await.until("the slowest viewer's limit applies", () -> encoder.lastSettings.bitrateKbps() == 1500);
        slow.setPaused(true);
        Await.until("a paused viewer does not hold the others back;"
                + " a limit above the setting does not raise it", () -> encoder.lastSettings.bitrateKbps() == 4000);
        slow.setPaused(false);
        Await.until("resumed: its limit counts again", () -> encoder.lastSettings.bitrateKbps() == 1500);
        slow.close();
        Await.until("the slow viewer left", () -> encoder.lastSettings.bitrateKbps() == 4000);
        fast.limitBitrate(50);
        Await.until("never below the encoder's minimum", () -> encoder.lastSettings.bitrateKbps() == 100);
        fast.limitBitrate(0);
        Await.until("0 lifts the limit", () -> encoder.lastSettings.bitrateKbps() == 4000);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> fast.limitBitrate(-1));
        fast.close();
    }
}
