package org.cubekvm.api.video;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told that a newer frame is available on a stream. Called on the capture thread: it must not
 * block and must not write to a socket synchronously; start an asynchronous write instead.
 */
@ConsumerType
public interface FrameListener {
    void frameAvailable(VideoStream stream);

    /** The stream ended (settings changed the codec, capture stopped, bundle going away). */
    default void streamClosed(VideoStream stream, String reason) {
    }
}
