package org.cubekvm.nativebridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.cubekvm.api.platform.Health;
import org.cubekvm.api.platform.HealthStatus;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.EncoderSettings;
import org.cubekvm.api.video.RateControl;
import org.cubekvm.api.video.RawFrameSource;
import org.cubekvm.api.video.VideoUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a user sees when a codec library or the whole bridge is missing. */
class MissingLibraryTest {
    private HostBackend backend;

    @BeforeEach
    void backend() {
        NativeLibrary library = NativeLibrary.withKillSwitch(null);
        assertNull(library.unavailabilityCause(), "libcubekvm must load from the build output");
        backend = new HostBackend(library, new AtomicReference<RawFrameSource>(new FakeRawFrameSource(320, 240, true)));
    }

    @AfterEach
    void restore() {
        Native.setCodecDisabled0(Native.CODEC_MJPEG, false);
        Native.setCodecDisabled0(Native.CODEC_H264, false);
    }

    @Test
    void aMissingOpenh264DisablesH264OnlyAndSaysHowToInstallIt() {
        assertTrue(backend.isAvailable(Codec.H264), "precondition: openh264 is installed here");
        assertEquals(0, Native.setCodecDisabled0(Native.CODEC_H264, true));

        assertFalse(backend.isAvailable(Codec.H264));
        String cause = backend.unavailabilityCause(Codec.H264);
        assertTrue(cause.contains("libopenh264.so.7"), cause);
        assertTrue(cause.contains("sudo apt-get install libopenh264-dev"), cause);
        VideoUnavailableException e = assertThrows(VideoUnavailableException.class, () -> backend.open(
                new EncoderSettings(Codec.H264, 0, 0, 30, 80, 4000, 300, RateControl.CBR)));
        assertEquals(cause, e.getMessage());
        assertTrue(backend.isAvailable(Codec.MJPEG), "MJPEG is unaffected");

        List<Health> health = backend.health();
        assertEquals(new Health("codec.mjpeg", HealthStatus.OK, "MJPEG is encoded in software by libturbojpeg"),
                health.get(0));
        assertEquals(new Health("codec.h264", HealthStatus.WARN, cause), health.get(1));
    }

    @Test
    void aMissingTurbojpegNamesItsPackage() {
        Native.setCodecDisabled0(Native.CODEC_MJPEG, true);
        String cause = backend.unavailabilityCause(Codec.MJPEG);
        assertTrue(cause.contains("libturbojpeg.so.0") && cause.contains("sudo apt-get install libturbojpeg0-dev"), cause);
        assertTrue(backend.isAvailable(Codec.H264));
        Native.setCodecDisabled0(Native.CODEC_MJPEG, false);
        assertTrue(backend.isAvailable(Codec.MJPEG), "back when the library is");
    }

    @Test
    void theKillSwitchMakesEverythingUnavailableWithTheReason() {
        NativeLibrary killed = NativeLibrary.withKillSwitch("true");
        assertFalse(killed.isAvailable());
        HostBackend off = new HostBackend(killed, new AtomicReference<>());
        for (Codec codec : Codec.values()) {
            assertFalse(off.isAvailable(codec));
            assertTrue(off.unavailabilityCause(codec).contains("cubekvm.native.disabled=true"));
        }
        assertTrue(NativeLibrary.withKillSwitch("false").isAvailable());
        assertTrue(NativeLibrary.withKillSwitch(null).isAvailable());
    }

    @Test
    void withoutTheVendorMpiTheSg2002BackendSaysWhichLibraryIsMissingAndWhere() {
        Sg2002Backend sg2002 = new Sg2002Backend(NativeLibrary.withKillSwitch(null));
        assertFalse(sg2002.isAvailable(Codec.H264));
        String cause = sg2002.unavailabilityCause(Codec.MJPEG);
        assertTrue(cause.contains("libsys.so") && cause.contains("LD_LIBRARY_PATH"), cause);
        VideoUnavailableException e = assertThrows(VideoUnavailableException.class, () -> sg2002.open(
                new EncoderSettings(Codec.H264, 0, 0, 30, 80, 4000, 300, RateControl.CBR)));
        assertEquals(cause, e.getMessage());
        assertEquals(HealthStatus.WARN, sg2002.health().get(0).status());
    }
}
