package org.cubekvm.api.video;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A source of raw pictures for a software encoder (the virtual machine's screen, a V4L2
 * grabber): a pair of direct BGRX buffers written alternately by the source, so a reader
 * never sees a torn picture and nothing is copied into the Java heap.
 * <p>
 * A single reader (the capture thread of the encoder) acquires the newest complete picture,
 * encodes it by address and releases it.
 */
@ProviderType
public interface RawFrameSource {
    /** The newest complete picture, held until released; {@code null} when there is no signal. */
    RawFrame acquireNewest();

    /** Gives back a picture returned by {@link #acquireNewest()}. */
    void release(RawFrame frame);
}
