package org.cubekvm.nativebridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.EncoderChannel;
import org.cubekvm.api.video.EncoderSettings;
import org.cubekvm.api.video.RateControl;
import org.cubekvm.api.video.RawFrameSource;
import org.cubekvm.api.video.VideoUnavailableException;
import org.cubekvm.testsupport.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The host backend end to end: a fake raw frame source, the real C encoders, frames checked by decoding. */
class HostEncoderChannelTest {
    /** Bounds a broken run only: a pull returns as soon as its frame is there. */
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(30);

    private final AtomicReference<RawFrameSource> sources = new AtomicReference<>();
    private final FakeRawFrameSource source = new FakeRawFrameSource(640, 360, true);
    private HostBackend backend;
    private EncoderChannel channel;

    @BeforeAll
    static void libraryLoads() {
        NativeLibrary library = NativeLibrary.withKillSwitch(null);
        assertNull(library.unavailabilityCause(), "libcubekvm must load from the build output");
    }

    private EncoderChannel open(Codec codec, int fps) throws VideoUnavailableException {
        sources.set(source);
        backend = new HostBackend(NativeLibrary.withKillSwitch(null), sources);
        channel = backend.open(new EncoderSettings(codec, 0, 0, fps, 80, 2000, 300, RateControl.CBR));
        return channel;
    }

    private ByteBuffer target() {
        return ByteBuffer.allocateDirect(channel.maxFrameBytes());
    }

    @AfterEach
    void close() {
        if (channel != null) {
            channel.close();
        }
        assertEquals(0, source.held(), "every acquired raw frame is released");
    }

    @Test
    void jpegChannelProducesADecodableJpegWithMetadata() throws Exception {
        open(Codec.MJPEG, 30);
        ByteBuffer target = target();
        long before = Native.epochMicros0();
        int size = channel.pull(target, TIMEOUT);
        assertTrue(size > 0, "a frame within the timeout");
        assertEquals(0, target.position());
        assertEquals(size, target.limit());
        BufferedImage image = Frames.decodeJpeg(target);
        assertEquals(640, image.getWidth());
        assertEquals(360, image.getHeight());
        // Below the moving block: the gradient, red growing to the right.
        int left = image.getRGB(8, 200) >> 16 & 0xff;
        int right = image.getRGB(630, 200) >> 16 & 0xff;
        assertTrue(right > left + 150, "gradient survived encoding: " + left + " -> " + right);
        assertEquals(source.seq(), channel.frameSeq());
        assertTrue(channel.frameKey());
        assertEquals(640, channel.frameWidth());
        assertEquals(360, channel.frameHeight());
        assertTrue(channel.frameCaptureMicros() >= before, "capture time from the raw frame");
        assertTrue(channel.frameEncodeDoneMicros() >= channel.frameCaptureMicros());
        assertTrue(channel.frameEncodeDoneMicros() <= Native.epochMicros0());
        // Units, not speed: within a minute of now even on a loaded host.
        assertTrue(Math.abs(channel.frameEncodeDoneMicros() - System.currentTimeMillis() * 1000) < 60_000_000,
                "encode-done time is epoch microseconds");
    }

    @Test
    void h264StartsWithSpsPpsIdrAndAKeyFrameRequestMakesTheNextFrameKey() throws Exception {
        open(Codec.H264, 30);
        ByteBuffer target = target();
        assertTrue(channel.pull(target, TIMEOUT) > 0);
        assertTrue(channel.frameKey());
        assertTrue(Frames.isIdrAccessUnit(Frames.nalTypes(target)), "first frame: " + Frames.nalTypes(target));
        for (int i = 0; i < 3; i++) {
            assertTrue(channel.pull(target, TIMEOUT) > 0);
            assertFalse(channel.frameKey(), "frame " + (i + 1) + " is a P frame");
            assertEquals(List.of(1), Frames.nalTypes(target));
        }
        channel.requestKeyFrame();
        channel.requestKeyFrame(); // coalesces with the first
        assertTrue(channel.pull(target, TIMEOUT) > 0);
        assertTrue(channel.frameKey(), "the very next frame is key");
        assertTrue(Frames.isIdrAccessUnit(Frames.nalTypes(target)), "with SPS and PPS: " + Frames.nalTypes(target));
        assertTrue(channel.pull(target, TIMEOUT) > 0);
        assertFalse(channel.frameKey(), "one IDR for both requests");
    }

    @Test
    void pullIsPacedByATickScheduleAtTheConfiguredFps() throws Exception {
        open(Codec.MJPEG, 20);
        ByteBuffer target = target();
        // The cadence itself is TickSchedule's, checked in virtual time by TickScheduleTest (no wall
        // clock here: a shared build machine makes any measured rate meaningless).
        assertEquals(TimeUnit.MILLISECONDS.toNanos(50), ((HostEncoderChannel) channel).periodNanos(), "20 fps");
        long seq = 0;
        for (int i = 0; i < 10; i++) {
            assertTrue(channel.pull(target, TIMEOUT) > 0);
            assertTrue(channel.frameSeq() > seq, "every tick a new picture");
            seq = channel.frameSeq();
        }
    }

    @Test
    void anUnchangedPictureIsNotEncodedAgainUntilTheResendOrAKeyFrameRequest() throws Exception {
        source.setAnimate(false);
        open(Codec.H264, 10);
        // The resend's clock is driven by hand: the test decides when a second has passed.
        AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));
        ((HostEncoderChannel) channel).resendClock(now::get);
        ByteBuffer target = target();
        assertTrue(channel.pull(target, TIMEOUT) > 0);
        long seq = channel.frameSeq();
        // Each pull below returns at its next tick with what the encoder made of it (0: nothing).
        assertEquals(0, channel.pull(target, TIMEOUT), "same seq: nothing new");
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
        assertEquals(0, channel.pull(target, TIMEOUT), "not resent before a second has passed");

        channel.requestKeyFrame();
        assertTrue(channel.pull(target, TIMEOUT) > 0, "a key frame request encodes the unchanged picture");
        assertTrue(channel.frameKey());
        assertEquals(seq, channel.frameSeq());

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
        assertEquals(0, channel.pull(target, TIMEOUT), "a second counts from the last output, the key frame");
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        assertTrue(channel.pull(target, TIMEOUT) > 0, "resent once a second of silence has passed");
        assertEquals(seq, channel.frameSeq(), "a resend carries the picture's seq");

        source.renderNext();
        assertTrue(channel.pull(target, TIMEOUT) > 0, "a new picture is encoded at the next tick");
        assertEquals(seq + 1, channel.frameSeq());
    }

    @Test
    void withoutASourcePullReturnsZeroAfterTheTimeout() throws Exception {
        open(Codec.MJPEG, 30);
        sources.set(null);
        ByteBuffer target = target();
        long start = System.nanoTime();
        assertEquals(0, channel.pull(target, TimeUnit.MILLISECONDS.toNanos(300)));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // It waits its timeout (a loaded host can only make it longer) and then returns.
        assertTrue(millis >= 290, "waited the timeout, took " + millis);

        sources.set(source);
        source.setSignal(false);
        assertEquals(0, channel.pull(target, TimeUnit.MILLISECONDS.toNanos(100)), "no signal: no frame");
        source.setSignal(true);
        assertTrue(channel.pull(target, TIMEOUT) > 0, "the source came back");
    }

    @Test
    void theEncoderFollowsASmallerSourceAndRefusesOneTooBigForTheBuffers() throws Exception {
        open(Codec.H264, 30);
        ByteBuffer target = target();
        assertTrue(channel.pull(target, TIMEOUT) > 0);
        assertTrue(channel.pull(target, TIMEOUT) > 0);
        assertFalse(channel.frameKey());

        source.resize(320, 240);
        assertTrue(channel.pull(target, TIMEOUT) > 0);
        assertTrue(channel.frameKey(), "a new size starts with an IDR");
        assertEquals(320, channel.frameWidth());
        assertEquals(240, channel.frameHeight());
        assertTrue(channel.maxFrameBytes() < target.capacity());

        source.resize(1920, 1080);
        VideoUnavailableException e = assertThrows(VideoUnavailableException.class, () -> channel.pull(target, TIMEOUT));
        assertTrue(e.getMessage().contains("1920x1080") && e.getMessage().contains("reopen"), e.getMessage());
        assertThrows(VideoUnavailableException.class, () -> channel.pull(target, TIMEOUT), "the channel is unusable");
    }

    @Test
    void reconfigureAppliesWithoutANewKeyFrameAndRefusesAnotherSize() throws Exception {
        open(Codec.H264, 30);
        ByteBuffer target = target();
        assertTrue(channel.pull(target, TIMEOUT) > 0);
        channel.reconfigure(new EncoderSettings(Codec.H264, 0, 0, 10, 80, 500, 60, RateControl.CBR));
        assertEquals(10, channel.settings().fps());
        assertTrue(channel.pull(target, TIMEOUT) > 0);
        assertFalse(channel.frameKey(), "bitrate, fps and GOP change in place");
        // The new fps paces the next ticks (the schedule itself: TickScheduleTest, in virtual time).
        assertEquals(TimeUnit.MILLISECONDS.toNanos(100), ((HostEncoderChannel) channel).periodNanos(), "10 fps");
        assertTrue(channel.pull(target, TIMEOUT) > 0);
        assertThrows(IllegalArgumentException.class, () -> channel.reconfigure(
                new EncoderSettings(Codec.H264, 1280, 720, 10, 80, 500, 60, RateControl.CBR)));
        assertThrows(IllegalArgumentException.class, () -> channel.reconfigure(
                new EncoderSettings(Codec.MJPEG, 0, 0, 10, 80, 500, 60, RateControl.CBR)));
    }

    @Test
    void targetsMustBeDirectAndLargeEnough() throws Exception {
        open(Codec.MJPEG, 30);
        assertThrows(IllegalArgumentException.class, () -> channel.pull(ByteBuffer.allocate(channel.maxFrameBytes()), TIMEOUT));
        assertThrows(IllegalArgumentException.class, () -> channel.pull(ByteBuffer.allocateDirect(1024), TIMEOUT));
    }

    @Test
    void closeWakesAParkedPullAndLaterPullsFail() throws Exception {
        open(Codec.MJPEG, 30);
        sources.set(null);
        ByteBuffer target = target();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread puller = new Thread(() -> {
            try {
                channel.pull(target, TimeUnit.HOURS.toNanos(1));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "test-puller");
        puller.start();
        Await.until("the puller to park inside pull (the channel as its blocker)",
                () -> java.util.concurrent.locks.LockSupport.getBlocker(puller) == channel);
        channel.close();
        // The pull would wait an hour for a frame: it ends now only because close woke it.
        puller.join(TimeUnit.SECONDS.toMillis(60));
        assertFalse(puller.isAlive(), "close wakes the parked puller");
        assertTrue(outcome.get() instanceof VideoUnavailableException, String.valueOf(outcome.get()));
        assertThrows(VideoUnavailableException.class, () -> channel.pull(target, TIMEOUT));
    }

    @Test
    void theBackendClosesItsChannelsWhenItGoesAway() throws Exception {
        open(Codec.MJPEG, 30);
        ByteBuffer target = target();
        assertTrue(channel.pull(target, TIMEOUT) > 0);
        backend.shutdown("test over");
        VideoUnavailableException e = assertThrows(VideoUnavailableException.class, () -> channel.pull(target, TIMEOUT));
        assertTrue(e.getMessage().contains("test over"), e.getMessage());
    }

    @Test
    void pullAllocatesNothingPerFrame() throws Exception {
        for (Codec codec : Codec.values()) {
            open(codec, 60);
            ByteBuffer target = target();
            for (int i = 0; i < 30; i++) {
                assertTrue(channel.pull(target, TIMEOUT) > 0); // warm up: class loading, first JIT
            }
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long thread = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(thread);
            int frames = 0;
            for (int i = 0; i < 60; i++) {
                frames += channel.pull(target, TIMEOUT) > 0 ? 1 : 0;
                channel.frameSeq();
                channel.frameKey();
            }
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            assertEquals(60, frames);
            // The measurement itself allocates a little; per frame this must be nothing.
            assertTrue(allocated < 2048, codec + ": " + allocated + " bytes allocated over 60 pulls");
            channel.close();
        }
    }
}
