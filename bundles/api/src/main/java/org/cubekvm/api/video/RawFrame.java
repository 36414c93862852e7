package org.cubekvm.api.video;

import java.nio.ByteBuffer;

/**
 * One complete raw picture held by a reader between {@link RawFrameSource#acquireNewest()} and
 * {@link RawFrameSource#release(RawFrame)}. While held, the source never writes into it.
 * Instances are preallocated by the source and reused; never keep one after release.
 */
@org.osgi.annotation.versioning.ProviderType
public interface RawFrame {
    /** Direct buffer, BGRX, {@code stride() * height()} bytes from position 0; do not modify. */
    ByteBuffer pixels();

    int width();

    int height();

    /** Bytes per row (width × 4). */
    int stride();

    /** Increases by one for every picture the source completes; equal seq means identical pixels. */
    long seq();

    /** When the picture was complete, microseconds since the Unix epoch. */
    long captureMicros();
}
