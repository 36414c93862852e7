package org.cubekvm.nativebridge.internal;

import java.util.ArrayList;
import java.util.List;
import org.cubekvm.api.platform.Health;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.EncoderChannel;
import org.cubekvm.api.video.EncoderSettings;
import org.cubekvm.api.video.VideoUnavailableException;

/**
 * The device's hardware encoder: HDMI -> VI -> VPSS -> VENC through the vendor MPI, which
 * libcubekvm binds at run time ({@code native-libs/src/sg2002.c}). One channel per codec; the
 * pipeline starts with the first frame pulled while an HDMI signal is present.
 */
final class Sg2002Backend implements EncoderBackend {
    private final NativeLibrary library;
    private final ChannelRegistry channels = new ChannelRegistry();

    Sg2002Backend(NativeLibrary library) {
        this.library = library;
    }

    @Override
    public String name() {
        return "sg2002";
    }

    @Override
    public String unavailabilityCause(Codec codec) {
        String cause = library.unavailabilityCause();
        if (cause != null) {
            return cause;
        }
        if (Native.sg2002Available0() == 0) {
            return Native.sg2002Problem0();
        }
        return null;
    }

    @Override
    public EncoderChannel open(EncoderSettings settings) throws VideoUnavailableException {
        String cause = unavailabilityCause(settings.codec());
        if (cause != null) {
            throw new VideoUnavailableException(cause);
        }
        long handle = Native.sg2002Open0(Native.codec(settings.codec()), settings.fps(), settings.quality(),
                settings.bitrateKbps(), settings.gop(), Native.rateControl(settings.rateControl()), settings.width(),
                settings.height());
        if (handle == -Errno.EBUSY) {
            throw new VideoUnavailableException("a " + settings.codec() + " channel of the hardware encoder is already"
                    + " open; close it first");
        }
        if (handle == -Errno.EINVAL) {
            throw new IllegalArgumentException("the hardware encoder takes even sizes up to 1920x1080 (or 0x0 for the"
                    + " input's), was " + settings.width() + "x" + settings.height());
        }
        NativeException.check("sg2002Open0", handle);
        int maxFrameBytes = (int) Native.sg2002Info0(handle, Native.SG_MAX_FRAME_BYTES);
        return new Sg2002Channel(settings, handle, maxFrameBytes, channels);
    }

    /** The HDMI input (width, height), or null without a signal. */
    int[] input() {
        if (library.unavailabilityCause() != null) {
            return null;
        }
        long signal = Native.sg2002Signal0();
        return signal == 0 ? null : new int[] {(int) (signal >> 16), (int) (signal & 0xffff)};
    }

    @Override
    public List<Health> health() {
        List<Health> lines = new ArrayList<>(CodecHealth.of(this, "MJPEG from the hardware encoder (VENC)",
                "H.264 from the hardware encoder (VENC)"));
        int[] input = input();
        lines.add(input == null ? Health.warn("video.hdmi", "no HDMI signal")
                : Health.ok("video.hdmi", "HDMI input " + input[0] + "x" + input[1]));
        return lines;
    }

    @Override
    public void shutdown(String reason) {
        channels.closeAll(reason);
    }
}
