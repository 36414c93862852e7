package org.cubekvm.nativebridge.internal;

import java.util.ArrayList;
import java.util.List;
import org.cubekvm.api.platform.Health;
import org.cubekvm.api.video.Codec;

/** The health lines of a backend: {@code codec.mjpeg} and {@code codec.h264}, OK or WARN with the cause. */
final class CodecHealth {
    private CodecHealth() {
    }

    static String name(Codec codec) {
        return "codec." + (codec == Codec.MJPEG ? "mjpeg" : "h264");
    }

    static List<Health> of(EncoderBackend backend, String okMessageMjpeg, String okMessageH264) {
        List<Health> lines = new ArrayList<>(2);
        for (Codec codec : Codec.values()) {
            String cause = backend.unavailabilityCause(codec);
            String ok = codec == Codec.MJPEG ? okMessageMjpeg : okMessageH264;
            lines.add(cause == null ? Health.ok(name(codec), ok) : Health.warn(name(codec), cause));
        }
        return lines;
    }
}
