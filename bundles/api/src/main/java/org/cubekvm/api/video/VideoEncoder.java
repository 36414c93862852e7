package org.cubekvm.api.video;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The encoder of the device (hardware VENC) or of a PC (software, in C), provided by the
 * native bundle. One channel per codec; the capture bundle is its only client.
 */
@ProviderType
public interface VideoEncoder {
    /** Whether channels of this codec can be opened here. */
    boolean isAvailable(Codec codec);

    /** Why {@link #isAvailable(Codec)} is false, naming what is missing and how to install it; null when available. */
    String unavailabilityCause(Codec codec);

    /** Opens a channel; the encoder runs while the channel is open. */
    EncoderChannel open(EncoderSettings settings) throws VideoUnavailableException;
}
