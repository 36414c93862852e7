package org.cubekvm.api.video;

import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An open encoder producing frames at the configured rate. Used by one thread (the capture
 * thread); {@link #requestKeyFrame()} and {@link #close()} may be called from any thread.
 * The metadata accessors describe the frame returned by the last successful {@link #pull}.
 */
@ProviderType
public interface EncoderChannel extends AutoCloseable {
    /**
     * Waits for the next encoded frame and copies it (once) into {@code target} from position 0;
     * on return, position is 0 and limit is the frame size.
     *
     * @return the frame size in bytes, or 0 when no frame came within the timeout (no signal,
     *         unchanged picture)
     * @throws VideoUnavailableException when the encoder failed; the channel is then unusable
     * @throws IllegalArgumentException  when {@code target} is not direct or too small
     */
    int pull(ByteBuffer target, long timeoutNanos) throws VideoUnavailableException;

    /** The next frame will be a key frame (IDR with SPS+PPS for H.264). */
    void requestKeyFrame();

    /** Applies fps, quality, bitrate, GOP and rate control without reopening; size changes need a new channel. */
    void reconfigure(EncoderSettings settings) throws VideoUnavailableException;

    EncoderSettings settings();

    /** Largest frame this channel can produce, to size target buffers. */
    int maxFrameBytes();

    long frameSeq();

    long frameCaptureMicros();

    long frameEncodeDoneMicros();

    boolean frameKey();

    int frameWidth();

    int frameHeight();

    @Override
    void close();
}
