package org.cubekvm.api.video;

import java.nio.ByteBuffer;

/**
 * An encoded frame retained by one viewer until {@link #release()}. The capture ring never
 * overwrites a retained frame. Instances are preallocated per viewer and reused.
 */
@org.osgi.annotation.versioning.ProviderType
public interface VideoFrame {
    /** This viewer's own view of the bytes: position 0, limit = size. Consume it freely. */
    ByteBuffer data();

    int size();

    long seq();

    /** Capture time, microseconds since the Unix epoch. */
    long captureMicros();

    /** When the encoder finished this frame, microseconds since the Unix epoch. */
    long encodeDoneMicros();

    boolean key();

    int width();

    int height();

    Codec codec();

    /** Hands the frame back to the ring. Idempotent. */
    void release();
}
