package org.cubekvm.api.video;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Encode once, fan out to all viewers. The first stream of a codec starts its encoder, the
 * last one stops it after the linger.
 */
@ProviderType
public interface VideoCapture {
    /**
     * Opens a viewer stream.
     *
     * @param codec     what to receive
     * @param transport who is watching, for statistics ("mjpeg", "h264", "webrtc", "snapshot")
     * @param listener  told on the capture thread whenever a newer frame is available
     * @throws VideoUnavailableException when the codec cannot be encoded here (message says why)
     */
    VideoStream open(Codec codec, String transport, FrameListener listener) throws VideoUnavailableException;

    VideoStatus status();
}
