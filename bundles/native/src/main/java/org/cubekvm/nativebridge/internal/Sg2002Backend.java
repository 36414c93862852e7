package org.cubekvm.nativebridge.internal;

import java.util.List;
import org.cubekvm.api.platform.Health;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.EncoderChannel;
import org.cubekvm.api.video.EncoderSettings;
import org.cubekvm.api.video.VideoUnavailableException;

/** The device's hardware encoder (VI/VPSS/VENC through the vendor MPI). Not written yet: says so clearly. */
final class Sg2002Backend implements EncoderBackend {
    static final String CAUSE = "the sg2002 hardware encoder backend (VENC through the vendor MPI) is not part of this"
            + " build yet; on a PC use backend=host (software encoders) or backend=replay (recorded frames)";

    @Override
    public String name() {
        return "sg2002";
    }

    @Override
    public String unavailabilityCause(Codec codec) {
        return CAUSE;
    }

    @Override
    public EncoderChannel open(EncoderSettings settings) throws VideoUnavailableException {
        throw new VideoUnavailableException(CAUSE);
    }

    @Override
    public List<Health> health() {
        return CodecHealth.of(this, "", "");
    }

    @Override
    public void shutdown(String reason) {
        // no channels can exist
    }
}
