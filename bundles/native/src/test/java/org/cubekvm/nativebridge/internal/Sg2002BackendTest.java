package org.cubekvm.nativebridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.cubekvm.api.platform.Health;
import org.cubekvm.api.platform.HealthStatus;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.EncoderChannel;
import org.cubekvm.api.video.EncoderSettings;
import org.cubekvm.api.video.RateControl;
import org.cubekvm.api.video.VideoUnavailableException;
import org.cubekvm.testsupport.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sg2002 backend through JNI against the fake MPI (native-libs/tests/fake_mpi.c), which the
 * surefire execution {@code sg2002-fake-mpi} selects with CUBEKVM_MPI_LIBRARIES. The HDMI signal
 * is the files the backend reads (CUBEKVM_HDMI_STATE); the fake logs every call to calls.log,
 * writes what is still held to leaks at every CVI_VB_Exit, fails the call named in fail, and
 * blocks in CVI_VENC_GetStream while stall exists.
 */
class Sg2002BackendTest {
    /** Bounds a broken run only: a pull returns as soon as its frame is there. */
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(30);

    private final Path root = Path.of(System.getProperty("cubekvm.test.sg2002", "target/sg2002-test"));
    private final Path hdmi = root.resolve("hdmi");
    private final Path fake = root.resolve("fake-mpi");
    private Sg2002Backend backend;

    @BeforeEach
    void freshDevice() throws IOException {
        Files.createDirectories(hdmi);
        Files.createDirectories(fake);
        for (String name : List.of("calls.log", "leaks", "fail", "stall", "stalled")) {
            Files.deleteIfExists(fake.resolve(name));
        }
        hdmi(1280, 720);
        backend = new Sg2002Backend(NativeLibrary.withKillSwitch(null));
        assertNull(backend.unavailabilityCause(Codec.H264), "the fake MPI must bind");
    }

    @AfterEach
    void stop() {
        backend.shutdown("the test ended");
    }

    private void hdmi(int width, int height) throws IOException {
        Files.writeString(hdmi.resolve("width"), width + "\n");
        Files.writeString(hdmi.resolve("height"), height + "\n");
    }

    private List<String> calls() throws IOException {
        Path log = fake.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    private long count(String prefix) throws IOException {
        return calls().stream().filter(line -> line.startsWith(prefix)).count();
    }

    private String leaks() throws IOException {
        Path leaks = fake.resolve("leaks");
        return Files.exists(leaks) ? Files.readString(leaks).trim() : "(no teardown yet)";
    }

    /** Polling a file the fake writes: there is no event to wait on. */
    private static void waitFor(String what, BooleanSupplier condition) {
        Await.until(what, condition);
    }

    private EncoderChannel open(Codec codec, int width, int height) throws VideoUnavailableException {
        return backend.open(new EncoderSettings(codec, width, height, 30, 70, 2000, 30, RateControl.CBR));
    }

    private static int pullFrame(EncoderChannel channel, ByteBuffer target) throws VideoUnavailableException {
        int size = channel.pull(target, TIMEOUT);
        assertTrue(size > 0, "a frame within the timeout");
        return size;
    }

    @Test
    void aViewerJoiningGetsAnIdrAtOnce() throws Exception {
        try (EncoderChannel channel = open(Codec.H264, 0, 0)) {
            ByteBuffer target = ByteBuffer.allocateDirect(channel.maxFrameBytes());
            pullFrame(channel, target);
            assertTrue(channel.frameKey(), "the first frame of a started pipeline is an IDR");
            assertEquals(List.of(7, 8, 5), Frames.nalTypes(target), "SPS, PPS, IDR (the pack offset honoured)");
            assertEquals(1280, channel.frameWidth());
            assertEquals(720, channel.frameHeight());
            pullFrame(channel, target);
            assertFalse(channel.frameKey());
            assertEquals(List.of(1), Frames.nalTypes(target));

            channel.requestKeyFrame(); // what the capture channel does when a viewer joins
            pullFrame(channel, target);
            assertTrue(channel.frameKey(), "the very next frame is an IDR");
            assertEquals(List.of(7, 8, 5), Frames.nalTypes(target));
            List<String> calls = calls();
            int idr = calls.indexOf("CVI_VENC_RequestIDR 1 1");
            assertTrue(idr > 0, "CVI_VENC_RequestIDR was called: " + calls);
            assertTrue(calls.get(idr + 1).startsWith("CVI_VENC_GetStream 1"), "right before the next GetStream");
            assertEquals(3, channel.frameSeq());
        }
    }

    @Test
    void aSettingsChangeReconfiguresTheRunningChannelWithoutARestart() throws Exception {
        try (EncoderChannel h264 = open(Codec.H264, 0, 0); EncoderChannel mjpeg = open(Codec.MJPEG, 640, 360)) {
            ByteBuffer target = ByteBuffer.allocateDirect(Math.max(h264.maxFrameBytes(), mjpeg.maxFrameBytes()));
            pullFrame(h264, target);
            pullFrame(mjpeg, target);
            assertEquals(640, mjpeg.frameWidth(), "VPSS scales the MJPEG channel");
            assertEquals(70, target.get(2) & 0xff, "quality 70 is the Q factor");

            h264.reconfigure(new EncoderSettings(Codec.H264, 0, 0, 15, 70, 4000, 60, RateControl.VBR));
            mjpeg.reconfigure(new EncoderSettings(Codec.MJPEG, 640, 360, 10, 50, 2000, 30, RateControl.CBR));
            assertTrue(calls().contains("CVI_VENC_SetChnAttr 1 type=96 1280x720 rc=2 fps=15 gop=60 kbps=4000"),
                    String.valueOf(calls()));
            assertTrue(calls().contains("CVI_VENC_SetChnAttr 0 type=1002 640x360 rc=10 fps=10 q=50"),
                    String.valueOf(calls()));
            pullFrame(mjpeg, target);
            assertEquals(50, target.get(2) & 0xff, "the next frame has the new quality");
            pullFrame(h264, target);
            assertEquals(1, count("CVI_VENC_CreateChn 1"), "the H.264 channel was not re-created");
            assertEquals(0, count("CVI_VENC_DestroyChn"), "nothing was destroyed");
            assertEquals(1, count("CVI_VB_Init"), "the pipeline was not restarted");
            assertEquals(15, h264.settings().fps());
        }
    }

    @Test
    void signalLossStopsThePipelineAndRecoveryRestartsItAtTheNewSize() throws Exception {
        try (EncoderChannel channel = open(Codec.H264, 0, 0)) {
            Sg2002Channel sg = (Sg2002Channel) channel;
            ByteBuffer target = ByteBuffer.allocateDirect(channel.maxFrameBytes());
            pullFrame(channel, target);
            assertTrue(sg.signal());

            hdmi(0, 0);
            assertEquals(0, channel.pull(target, TimeUnit.MILLISECONDS.toNanos(200)), "no frame without a signal");
            assertFalse(sg.signal());
            assertEquals("none", leaks(), "everything was released when the signal went");
            Health hdmiHealth = backend.health().get(2);
            assertEquals(HealthStatus.WARN, hdmiHealth.status());
            assertEquals("no HDMI signal", hdmiHealth.message());

            hdmi(1920, 1080);
            pullFrame(channel, target);
            assertTrue(sg.signal());
            assertTrue(channel.frameKey(), "the first frame after recovery is an IDR");
            assertEquals(1920, channel.frameWidth());
            assertEquals(1080, channel.frameHeight());
            assertTrue(calls().contains("CVI_VI_SetDevAttr dev=0 1920x1080 mode=8"), String.valueOf(calls()));
            assertEquals("HDMI input 1920x1080", backend.health().get(2).message());
        }
    }

    @Test
    void closingTheLastChannelReleasesEverythingInOrder() throws Exception {
        EncoderChannel h264 = open(Codec.H264, 0, 0);
        EncoderChannel mjpeg = open(Codec.MJPEG, 0, 0);
        ByteBuffer target = ByteBuffer.allocateDirect(Math.max(h264.maxFrameBytes(), mjpeg.maxFrameBytes()));
        pullFrame(h264, target);
        pullFrame(mjpeg, target);
        h264.close();
        assertEquals("(no teardown yet)", leaks(), "the MJPEG channel still runs");
        pullFrame(mjpeg, target);
        mjpeg.close();
        assertEquals("none", leaks());
        List<String> calls = calls();
        assertEquals("CVI_VB_Exit", calls.get(calls.size() - 1));
        VideoUnavailableException closed = assertThrows(VideoUnavailableException.class, () -> mjpeg.pull(target,
                TIMEOUT));
        assertTrue(closed.getMessage().contains("closed by its user"), closed.getMessage());
    }

    @Test
    void theNativeBundleStoppingMidCallWaitsForTheCallThenReleasesEverything() throws Exception {
        EncoderChannel channel = open(Codec.H264, 0, 0);
        ByteBuffer target = ByteBuffer.allocateDirect(channel.maxFrameBytes());
        pullFrame(channel, target);
        Files.writeString(fake.resolve("stall"), "");
        AtomicReference<Throwable> pullerFailure = new AtomicReference<>();
        Thread puller = new Thread(() -> {
            try {
                while (true) {
                    channel.pull(target, TIMEOUT);
                }
            } catch (VideoUnavailableException | RuntimeException e) {
                pullerFailure.set(e);
            }
        }, "test-sg2002-puller");
        puller.start();
        waitFor("the puller to be inside CVI_VENC_GetStream", () -> Files.exists(fake.resolve("stalled")));

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> backend.shutdown(
                "the native bridge is stopping"));
        assertEquals("(no teardown yet)", leaks(), "nothing is torn down under a running native call");

        Files.delete(fake.resolve("stall"));
        stopping.get(30, TimeUnit.SECONDS);
        puller.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(puller.isAlive());
        assertTrue(pullerFailure.get() instanceof VideoUnavailableException, String.valueOf(pullerFailure.get()));
        assertTrue(pullerFailure.get().getMessage().contains("the native bridge is stopping"),
                pullerFailure.get().getMessage());
        assertEquals("none", leaks());
    }

    @Test
    void aFailingMpiCallReachesTheUserAndLeavesNothingBehind() throws Exception {
        Files.writeString(fake.resolve("fail"), "CVI_VENC_CreateChn\n");
        EncoderChannel channel = open(Codec.H264, 0, 0);
        ByteBuffer target = ByteBuffer.allocateDirect(channel.maxFrameBytes());
        VideoUnavailableException e = assertThrows(VideoUnavailableException.class, () -> channel.pull(target,
                TIMEOUT));
        assertTrue(e.getMessage().contains("CVI_VENC_CreateChn") && e.getMessage().contains("0xc0078001"),
                e.getMessage());
        assertEquals("none", leaks());
        try (EncoderChannel again = open(Codec.H264, 0, 0)) {
            pullFrame(again, target);
            assertTrue(again.frameKey(), "a new channel works after the failed one was closed");
        }
    }

    @Test
    void anInterruptedPullerGetsNoFrameAndKeepsItsInterrupt() throws Exception {
        try (EncoderChannel channel = open(Codec.MJPEG, 0, 0)) {
            ByteBuffer target = ByteBuffer.allocateDirect(channel.maxFrameBytes());
            pullFrame(channel, target);
            long pulls = count("CVI_VENC_GetStream");
            Thread.currentThread().interrupt();
            assertEquals(0, channel.pull(target, TIMEOUT), "the capture thread is being stopped: no more waiting");
            assertTrue(Thread.interrupted());
            assertEquals(pulls, count("CVI_VENC_GetStream"), "no native wait was started");
        }
    }

    @Test
    void oneChannelPerCodecAndOnlySizesTheHardwareTakes() throws Exception {
        try (EncoderChannel channel = open(Codec.H264, 0, 0)) {
            VideoUnavailableException busy = assertThrows(VideoUnavailableException.class,
                    () -> open(Codec.H264, 0, 0));
            assertTrue(busy.getMessage().contains("already open"), busy.getMessage());
            IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                    () -> open(Codec.MJPEG, 641, 360));
            assertTrue(odd.getMessage().contains("641x360"), odd.getMessage());
            assertTrue(channel.maxFrameBytes() > 0);
        }
    }
}
