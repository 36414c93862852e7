package org.cubekvm.nativebridge.internal;

import java.util.List;
import org.cubekvm.api.platform.Health;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.EncoderChannel;
import org.cubekvm.api.video.EncoderSettings;
import org.cubekvm.api.video.VideoUnavailableException;

/** Where encoded frames come from: software encoders on a PC, a recording, or the device's VENC. */
interface EncoderBackend {
    String name();

    /** Null when available; otherwise what is missing and how to get it. */
    String unavailabilityCause(Codec codec);

    default boolean isAvailable(Codec codec) {
        return unavailabilityCause(codec) == null;
    }

    EncoderChannel open(EncoderSettings settings) throws VideoUnavailableException;

    /** One line per codec for {@code GET /api/platform/health}; cheap, never blocks. */
    List<Health> health();

    /** Closes every channel still open, telling their users why. */
    void shutdown(String reason);
}
