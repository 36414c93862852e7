package org.cubekvm.nativebridge.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.cubekvm.api.platform.Health;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.EncoderChannel;
import org.cubekvm.api.video.EncoderSettings;
import org.cubekvm.api.video.RawFrameSource;
import org.cubekvm.api.video.VideoUnavailableException;

/**
 * Software encoding on a PC: libturbojpeg for MJPEG, openh264 for H.264, both bound at run time
 * by libcubekvm, fed from the {@link RawFrameSource} service (absent: no signal).
 */
final class HostBackend implements EncoderBackend {
    private final NativeLibrary library;
    private final AtomicReference<RawFrameSource> sources;
    private final ChannelRegistry channels = new ChannelRegistry();

    HostBackend(NativeLibrary library, AtomicReference<RawFrameSource> sources) {
        this.library = library;
        this.sources = sources;
    }

    @Override
    public String name() {
        return "host";
    }

    @Override
    public String unavailabilityCause(Codec codec) {
        String cause = library.unavailabilityCause();
        if (cause != null) {
            return cause;
        }
        return Native.codecAvailable0(Native.codec(codec)) == 1 ? null : Native.codecProblem0(Native.codec(codec));
    }

    @Override
    public EncoderChannel open(EncoderSettings settings) throws VideoUnavailableException {
        String cause = unavailabilityCause(settings.codec());
        if (cause != null) {
            throw new VideoUnavailableException(cause);
        }
        return HostEncoderChannel.open(settings, sources, channels);
    }

    @Override
    public List<Health> health() {
        return CodecHealth.of(this, "MJPEG is encoded in software by libturbojpeg",
                "H.264 is encoded in software by openh264");
    }

    @Override
    public void shutdown(String reason) {
        channels.closeAll(reason);
    }
}
