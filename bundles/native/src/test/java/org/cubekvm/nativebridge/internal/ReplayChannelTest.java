package org.cubekvm.nativebridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.EncoderChannel;
import org.cubekvm.api.video.EncoderSettings;
import org.cubekvm.api.video.RateControl;
import org.cubekvm.api.video.VideoUnavailableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay backend with the recordings the build made; runs in its own JVM (surefire reuseForks=false). */
class ReplayChannelTest {
    /** Bounds a broken run only: a pull returns as soon as its frame is there. */
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(30);
    private static ReplayBackend backend;

    @BeforeAll
    static void recordingsExist() {
        Path folder = Path.of(System.getProperty("cubekvm.test.replay", "target/classes/replay"));
        assertTrue(Files.isDirectory(folder), "the build writes recordings into " + folder);
        backend = new ReplayBackend(NativeLibrary.withKillSwitch(null), new DirectoryRecordings(folder));
    }

    private static EncoderChannel open(Codec codec, int fps) throws VideoUnavailableException {
        return backend.open(new EncoderSettings(codec, 0, 0, fps, 80, 4000, 300, RateControl.CBR));
    }

    @Test
    void h264ReplayStartsWithAnIdrAndJumpsToTheNextOneOnRequest() throws Exception {
        assertTrue(backend.isAvailable(Codec.H264), backend.unavailabilityCause(Codec.H264));
        try (EncoderChannel channel = open(Codec.H264, 60)) {
            ByteBuffer target = ByteBuffer.allocateDirect(channel.maxFrameBytes());
            assertTrue(channel.pull(target, TIMEOUT) > 0);
            assertTrue(channel.frameKey());
            assertTrue(Frames.isIdrAccessUnit(Frames.nalTypes(target)), String.valueOf(Frames.nalTypes(target)));
            assertEquals(1, channel.frameSeq());
            assertEquals(1280, channel.frameWidth());
            assertEquals(720, channel.frameHeight());
            for (int i = 0; i < 5; i++) {
                assertTrue(channel.pull(target, TIMEOUT) > 0);
                assertFalse(channel.frameKey());
                assertEquals(List.of(1), Frames.nalTypes(target));
            }
            channel.requestKeyFrame();
            assertTrue(channel.pull(target, TIMEOUT) > 0);
            assertTrue(channel.frameKey(), "the next frame is the next recorded IDR");
            assertTrue(Frames.isIdrAccessUnit(Frames.nalTypes(target)));
            assertEquals(7, channel.frameSeq(), "seq counts frames served, not the jump");
            assertTrue(channel.frameEncodeDoneMicros() >= channel.frameCaptureMicros());
        }
    }

    @Test
    void mjpegReplayIsPacedByATickScheduleAndDecodable() throws Exception {
        try (EncoderChannel channel = open(Codec.MJPEG, 20)) {
            ByteBuffer target = ByteBuffer.allocateDirect(channel.maxFrameBytes());
            assertTrue(channel.pull(target, TIMEOUT) > 0);
            BufferedImage image = Frames.decodeJpeg(target);
            assertEquals(1280, image.getWidth());
            assertEquals(720, image.getHeight());
            // The cadence itself is TickSchedule's, checked in virtual time by TickScheduleTest (no wall
            // clock here: a shared build machine makes any measured rate meaningless).
            assertEquals(TimeUnit.MILLISECONDS.toNanos(50), ((ReplayChannel) channel).periodNanos(), "20 fps");
            for (int i = 0; i < 10; i++) {
                assertTrue(channel.pull(target, TIMEOUT) > 0);
                assertTrue(channel.frameKey());
            }
            assertThrows(IllegalArgumentException.class,
                    () -> channel.pull(ByteBuffer.allocateDirect(channel.maxFrameBytes() - 1), TIMEOUT));
        }
    }

    @Test
    void replayAllocatesNothingPerFrameAndNeverLoadsACodecLibrary() throws Exception {
        try (EncoderChannel channel = open(Codec.H264, 60)) {
            ByteBuffer target = ByteBuffer.allocateDirect(channel.maxFrameBytes());
            for (int i = 0; i < 20; i++) {
                channel.pull(target, TIMEOUT);
            }
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long thread = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 60; i++) {
                if (i % 20 == 0) {
                    channel.requestKeyFrame();
                }
                assertTrue(channel.pull(target, TIMEOUT) > 0);
            }
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            assertTrue(allocated < 2048, allocated + " bytes allocated over 60 pulls");
        }
        String maps = Files.readString(Path.of("/proc/self/maps"));
        assertTrue(maps.contains("libcubekvm.so"), "the bridge is loaded");
        assertFalse(maps.contains("libturbojpeg"), "replay must not load libturbojpeg");
        assertFalse(maps.contains("libopenh264"), "replay must not load openh264");
    }

    @Test
    void aMissingRecordingMakesTheCodecUnavailableWithAReason(@TempDir Path empty) {
        ReplayBackend none = new ReplayBackend(NativeLibrary.withKillSwitch(null), new DirectoryRecordings(empty));
        assertFalse(none.isAvailable(Codec.H264));
        String cause = none.unavailabilityCause(Codec.H264);
        assertNotNull(cause);
        assertTrue(cause.contains("h264-*.ckr") && cause.contains(empty.toString()), cause);
        VideoUnavailableException e = assertThrows(VideoUnavailableException.class, () -> none.open(
                new EncoderSettings(Codec.H264, 0, 0, 30, 80, 4000, 300, RateControl.CBR)));
        assertEquals(cause, e.getMessage());
        assertEquals("WARN", none.health().get(1).status().name());
    }

    @Test
    void aCorruptRecordingIsRefusedByName(@TempDir Path folder) throws Exception {
        Files.write(folder.resolve("h264-1280x720.ckr"), new byte[] {'C', 'K', 'V', 'M', 'R', 'E', 'C', '1', 0, 0});
        ReplayBackend corrupt = new ReplayBackend(NativeLibrary.withKillSwitch(null), new DirectoryRecordings(folder));
        NativeException e = assertThrows(NativeException.class, () -> corrupt.open(
                new EncoderSettings(Codec.H264, 0, 0, 30, 80, 4000, 300, RateControl.CBR)));
        assertEquals("replayOpen0", e.call());
        assertEquals(Errno.EBADMSG, e.errno());
        assertTrue(e.getMessage().contains("h264-1280x720.ckr"), e.getMessage());
    }

    @AfterAll
    static void healthSaysReplay() {
        assertNull(backend.unavailabilityCause(Codec.MJPEG));
        assertEquals("OK", backend.health().get(0).status().name());
    }
}
