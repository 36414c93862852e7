package org.cubekvm.nativebridge.internal;

import java.nio.ByteBuffer;
import org.cubekvm.api.video.EncoderSettings;
import org.cubekvm.api.video.VideoUnavailableException;

/**
 * One VENC channel of the device: each pull waits (in C, in {@code CVI_VENC_GetStream}) for the
 * frame the hardware encoded and copies it once into the caller's buffer. The encoder runs at
 * the configured fps itself, so the channel is self-paced; without an HDMI signal it asks again
 * at the next tick. A key-frame request becomes {@code CVI_VENC_RequestIDR} with the next pull.
 */
final class Sg2002Channel extends PacedChannel {
    /** The longest one native wait lasts: close() waits for it (it holds the native lock). */
    private static final long MAX_WAIT_NANOS = 200_000_000L;

    private long handle;
    private long seq;
    private volatile boolean signal;

    Sg2002Channel(EncoderSettings settings, long handle, int maxFrameBytes, ChannelRegistry registry) {
        super(settings, maxFrameBytes, registry);
        this.handle = handle;
    }

    @Override
    protected boolean selfPaced() {
        return true;
    }

    /** Whether the last pull saw an HDMI signal. */
    boolean signal() {
        return signal;
    }

    @Override
    protected int produce(ByteBuffer target) throws VideoUnavailableException {
        boolean keyWanted = takeKeyFrameRequest();
        int waitMillis = (int) Math.max(1, Math.min(MAX_WAIT_NANOS, remainingNanos()) / 1_000_000L);
        long started = Native.epochMicros0();
        long result;
        int width;
        int height;
        synchronized (nativeLock) {
            if (isClosed()) {
                return NO_SIGNAL;
            }
            result = Native.sg2002Next0(handle, Native.address0(target), target.capacity(), keyWanted, waitMillis);
            width = (int) Native.sg2002Info0(handle, Native.SG_WIDTH);
            height = (int) Native.sg2002Info0(handle, Native.SG_HEIGHT);
        }
        if (result == -Errno.ENOLINK) {
            signal = false;
            if (keyWanted) {
                requestKeyFrame(); // the first frame after the signal returns is an IDR anyway; keep the promise
            }
            return NO_SIGNAL;
        }
        signal = true;
        if (result == 0 || result == -Errno.ENOBUFS) {
            if (keyWanted && result == 0) {
                requestKeyFrame();
            }
            return UNCHANGED; // nothing in time, or a frame too large (dropped; C asked for an IDR)
        }
        if (result == -Errno.EIO) {
            throw new VideoUnavailableException("the hardware encoder failed: " + Native.sg2002Problem0());
        }
        NativeException.check("sg2002Next0", result);
        setFrame(++seq, started, Native.epochMicros0(), Native.key(result), width, height);
        return Native.size(result);
    }

    @Override
    protected void applySettings(EncoderSettings settings) throws VideoUnavailableException {
        int rc = Native.sg2002Reconfigure0(handle, Native.codec(settings.codec()), settings.fps(), settings.quality(),
                settings.bitrateKbps(), settings.gop(), Native.rateControl(settings.rateControl()));
        if (rc == -Errno.EIO) {
            throw new VideoUnavailableException("the hardware encoder refused the settings: " + Native.sg2002Problem0());
        }
        NativeException.check("sg2002Reconfigure0", rc);
    }

    @Override
    protected void release() {
        Native.sg2002Close0(handle);
        handle = 0;
    }
}
