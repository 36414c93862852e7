package org.cubekvm.nativebridge.internal;

import java.nio.ByteBuffer;
import org.cubekvm.api.video.EncoderSettings;
import org.cubekvm.api.video.VideoUnavailableException;

/**
 * Serves a recording's frames at the configured fps, as a hardware encoder would hand them over:
 * each frame is read once (pread) from the file straight into the caller's direct buffer. A key-frame
 * request jumps to the next recorded IDR (recordings have one every 30 frames).
 */
final class ReplayChannel extends PacedChannel {
    private final int width;
    private final int height;
    private long handle;
    private long seq;

    ReplayChannel(EncoderSettings settings, long handle, int width, int height, int maxFrameBytes,
            ChannelRegistry registry) {
        super(settings, maxFrameBytes, registry);
        this.handle = handle;
        this.width = width;
        this.height = height;
    }

    @Override
    protected int produce(ByteBuffer target) throws VideoUnavailableException {
        boolean keyWanted = takeKeyFrameRequest();
        // The moment a capture would have taken this picture: the tick.
        long captured = Native.epochMicros0();
        long result;
        synchronized (nativeLock) {
            if (isClosed()) {
                return NO_SIGNAL;
            }
            if (keyWanted) {
                NativeException.check("replaySeekKey0", Native.replaySeekKey0(handle));
            }
            result = Native.replayNext0(handle, Native.address0(target), target.capacity());
        }
        NativeException.check("replayNext0", result);
        setFrame(++seq, captured, Native.epochMicros0(), Native.key(result), width, height);
        return Native.size(result);
    }

    @Override
    protected void applySettings(EncoderSettings settings) {
        // fps is applied by the pacing; quality and bitrate were fixed when the frames were recorded
    }

    @Override
    protected void release() {
        Native.replayClose0(handle);
        handle = 0;
    }
}
