package org.cubekvm.nativebridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cubekvm.api.platform.HealthStatus;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.EncoderChannel;
import org.cubekvm.api.video.EncoderSettings;
import org.cubekvm.api.video.RateControl;
import org.cubekvm.api.video.VideoUnavailableException;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;

/** The DS component: configuration validation, backend switching, kill switch. */
class NativeVideoEncoderTest {
    private static final String RECORDINGS = System.getProperty("cubekvm.test.replay", "target/classes/replay");

    private static BundleContext context(Map<String, String> properties) {
        return (BundleContext) Proxy.newProxyInstance(NativeVideoEncoderTest.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty")) {
                        return properties.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static NativeVideoEncoder.Config config(String backend, String replayDirectory) {
        return (NativeVideoEncoder.Config) Proxy.newProxyInstance(NativeVideoEncoderTest.class.getClassLoader(),
                new Class<?>[] {NativeVideoEncoder.Config.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "backend" -> backend;
                    case "replayDirectory" -> replayDirectory;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aBadBackendIsRefusedByNameAndChangesNothing() throws Exception {
        NativeVideoEncoder encoder = new NativeVideoEncoder();
        encoder.activate(context(Map.of()), config("replay", RECORDINGS));
        assertTrue(encoder.isAvailable(Codec.H264), encoder.unavailabilityCause(Codec.H264));
        try (EncoderChannel channel = encoder.open(new EncoderSettings(Codec.H264, 0, 0, 30, 80, 4000, 300, RateControl.CBR))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> encoder.modified(config("quicksync", "")));
            assertTrue(e.getMessage().contains("'quicksync'"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> encoder.modified(config("replay", "/no/such/folder")));
            assertTrue(e.getMessage().contains("'/no/such/folder'"), e.getMessage());
            ByteBuffer target = ByteBuffer.allocateDirect(channel.maxFrameBytes());
            assertTrue(channel.pull(target, TimeUnit.SECONDS.toNanos(30)) > 0, "the channel kept running");
            assertTrue(encoder.health().get(1).message().contains("replayed"));
        }
    }

    @Test
    void switchingTheBackendClosesTheOldChannels() throws Exception {
        NativeVideoEncoder encoder = new NativeVideoEncoder();
        encoder.activate(context(Map.of("cubekvm.profile", "bench")), config("auto", RECORDINGS));
        EncoderChannel channel = encoder.open(new EncoderSettings(Codec.MJPEG, 0, 0, 30, 80, 4000, 300, RateControl.CBR));
        ByteBuffer target = ByteBuffer.allocateDirect(channel.maxFrameBytes());
        assertTrue(channel.pull(target, TimeUnit.SECONDS.toNanos(30)) > 0, "auto in the bench profile replays");

        encoder.modified(config("auto", RECORDINGS)); // the same choice again: nothing happens
        assertTrue(channel.pull(target, TimeUnit.SECONDS.toNanos(30)) > 0);

        encoder.modified(config("sg2002", ""));
        VideoUnavailableException e = assertThrows(VideoUnavailableException.class,
                () -> channel.pull(target, TimeUnit.SECONDS.toNanos(30)));
        assertTrue(e.getMessage().contains("changed to sg2002"), e.getMessage());
        assertFalse(encoder.isAvailable(Codec.MJPEG));
        assertEquals(HealthStatus.WARN, encoder.health().get(0).status());
        encoder.deactivate();
    }

    @Test
    void theKillSwitchFrameworkPropertyDisablesEncoding() {
        NativeVideoEncoder encoder = new NativeVideoEncoder();
        encoder.activate(context(Map.of(NativeLibrary.KILL_SWITCH, "true")), config("host", ""));
        assertFalse(encoder.isAvailable(Codec.MJPEG));
        assertTrue(encoder.unavailabilityCause(Codec.H264).contains(NativeLibrary.KILL_SWITCH));
        assertThrows(VideoUnavailableException.class,
                () -> encoder.open(new EncoderSettings(Codec.MJPEG, 0, 0, 30, 80, 4000, 300, RateControl.CBR)));
        assertEquals(HealthStatus.WARN, encoder.health().get(1).status());
    }
}
