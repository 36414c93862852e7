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

    /**
     * The most this viewer's link can take now, in kbit/s; 0 lifts the limit. The shared encoder of
     * the codec runs at its configured bitrate capped by the lowest limit of its watching viewers
     * (H.264; docs/video.md "Slow links"). Cheap and allocation-free when the value is unchanged.
     *
     * @since 1.1
     */
    default void limitBitrate(int kbps) {
        // streams of encoders without a bitrate ignore it
    }

    /** Frames this stream skipped because a newer one was available. */
    long skippedFrames();

    @Override
    void close();
}
