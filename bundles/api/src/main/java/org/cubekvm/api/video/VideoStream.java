package org.cubekvm.api.video;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One viewer's subscription to the shared encoder of a codec. Newest frame wins: a viewer
 * asks for the newest frame when it is ready to send one, so it never holds a backlog.
 * For H.264 a stream delivers a key frame first, and after any frame it skipped it delivers
 * nothing until the next key frame (which it requests).
 */
@ProviderType
public interface VideoStream extends AutoCloseable {
    Codec codec();

    /**
     * The newest frame this viewer has not yet had, retained until released; {@code null}
     * when there is none (yet). At most one frame per stream is retained at a time: acquiring
     * releases the previous one.
     */
    VideoFrame acquireNewest();

    /** Asks for a key frame (coalesced, rate-limited per viewer as docs/api.md says). */
    void requestKeyFrame();

    /** Paused streams are told nothing and count as not watching; resuming asks for a key frame. */
    void setPaused(boolean paused);

    /** Frames this stream skipped because a newer one was available. */
    long skippedFrames();

    @Override
    void close();
}
