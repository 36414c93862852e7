package org.cubekvm.nativebridge.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.cubekvm.api.video.EncoderSettings;
import org.cubekvm.api.video.RawFrame;
import org.cubekvm.api.video.RawFrameSource;
import org.cubekvm.api.video.VideoUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A software encoder (libturbojpeg or openh264, in C) fed by a {@link RawFrameSource}: at each
 * tick it takes the source's newest picture and encodes it by address straight into the
 * caller's direct buffer. An unchanged picture (same seq) is not encoded again, except once a
 * second so clients see the stream is alive, or when a key frame was asked for.
 */
final class HostEncoderChannel extends PacedChannel {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.native");
    private static final long RESEND_NANOS = 1_000_000_000L;
    private static final long DROP_LOG_NANOS = 10_000_000_000L;

    private final AtomicReference<RawFrameSource> sources;
    private final int codec;
    private long handle;
    private int sourceWidth;
    private int sourceHeight;
    private boolean encodedAny;
    private long lastEncodedSeq;
    private long lastOutputNanos;
    private long droppedFrames;
    private long lastDropLogNanos;
    /** The clock of the once-a-second resend; a test drives it by hand to check the resend without waiting. */
    private volatile LongSupplier resendClock = System::nanoTime;

    private HostEncoderChannel(EncoderSettings settings, long handle, int width, int height, int maxFrameBytes,
            AtomicReference<RawFrameSource> sources, ChannelRegistry registry) {
        super(settings, maxFrameBytes, registry);
        this.sources = sources;
        this.codec = Native.codec(settings.codec());
        this.handle = handle;
        this.sourceWidth = width;
        this.sourceHeight = height;
        this.lastDropLogNanos = System.nanoTime() - DROP_LOG_NANOS;
    }

    /**
     * Opens the native encoder. Frames are encoded at the source's size (settings with a size
     * are a hint: there is no scaler); buffers are sized for the source's current picture, or
     * for the settings' size, or 1920x1080 when neither is known yet.
     */
    static HostEncoderChannel open(EncoderSettings settings, AtomicReference<RawFrameSource> sources,
            ChannelRegistry registry) throws VideoUnavailableException {
        int width = settings.width() > 0 ? settings.width() : 1920;
        int height = settings.height() > 0 ? settings.height() : 1080;
        RawFrameSource source = sources.get();
        RawFrame probe = source == null ? null : source.acquireNewest();
        if (probe != null) {
            width = probe.width();
            height = probe.height();
            source.release(probe);
        }
        int codec = Native.codec(settings.codec());
        long maxFrameBytes = NativeException.check("maxFrameBytes0", Native.maxFrameBytes0(codec, width, height));
        long handle = Native.encoderOpen0(codec, settings.fps(), settings.quality(), settings.bitrateKbps(),
                settings.gop(), Native.rateControl(settings.rateControl()));
        if (handle == -Errno.ELIBACC) {
            throw new VideoUnavailableException(String.valueOf(Native.codecProblem0(codec)));
        }
        NativeException.check("encoderOpen0", handle);
        return new HostEncoderChannel(settings, handle, width, height, (int) maxFrameBytes, sources, registry);
    }

    @Override
    protected int produce(ByteBuffer target) throws VideoUnavailableException {
        RawFrameSource source = sources.get();
        if (source == null) {
            return NO_SIGNAL;
        }
        RawFrame raw = source.acquireNewest();
        if (raw == null) {
            return NO_SIGNAL;
        }
        try {
            return encode(raw, target);
        } finally {
            source.release(raw);
        }
    }

    /** Test hook: the clock that decides the resend of an unchanged picture (System.nanoTime by default). */
    void resendClock(LongSupplier clock) {
        this.resendClock = clock;
    }

    private int encode(RawFrame raw, ByteBuffer target) throws VideoUnavailableException {
        long now = resendClock.getAsLong();
        boolean keyWanted = takeKeyFrameRequest();
        boolean changed = !encodedAny || raw.seq() != lastEncodedSeq;
        if (!changed && !keyWanted && now - lastOutputNanos < RESEND_NANOS) {
            return UNCHANGED;
        }
        int width = raw.width();
        int height = raw.height();
        if (width != sourceWidth || height != sourceHeight) {
            adoptSize(width, height, target.capacity());
        }
        long result;
        synchronized (nativeLock) {
            if (isClosed()) {
                return NO_SIGNAL;
            }
            if (keyWanted) {
                NativeException.check("encoderForceKey0", Native.encoderForceKey0(handle));
            }
            result = Native.encode0(handle, Native.address0(raw.pixels()), width, height, raw.stride(),
                    raw.captureMicros() / 1000, Native.address0(target), target.capacity());
        }
        if (result == -Errno.ENOBUFS) {
            // The native side already restarts H.264 with an IDR; a lost JPEG costs nothing.
            dropped(now, target.capacity());
            return UNCHANGED;
        }
        NativeException.check("encode0", result);
        int size = Native.size(result);
        if (size == 0) {
            return UNCHANGED;
        }
        setFrame(raw.seq(), raw.captureMicros(), Native.epochMicros0(), Native.key(result), width, height);
        encodedAny = true;
        lastEncodedSeq = raw.seq();
        lastOutputNanos = now;
        return size;
    }

    /** The source's picture size changed: the C encoder re-initialises itself; the buffers must still fit. */
    private void adoptSize(int width, int height, int capacity) throws VideoUnavailableException {
        long bound = NativeException.check("maxFrameBytes0", Native.maxFrameBytes0(codec, width, height));
        if (bound > capacity) {
            throw new VideoUnavailableException("the source's picture changed from " + sourceWidth + "x" + sourceHeight
                    + " to " + width + "x" + height + ": frames need up to " + bound + " bytes but the target holds "
                    + capacity + "; reopen the channel");
        }
        LOG.info("the source's picture changed from {}x{} to {}x{}; the encoder follows", sourceWidth,
                sourceHeight, width, height);
        sourceWidth = width;
        sourceHeight = height;
        setMaxFrameBytes((int) bound);
    }

    private void dropped(long now, int capacity) {
        droppedFrames++;
        if (now - lastDropLogNanos >= DROP_LOG_NANOS) {
            lastDropLogNanos = now;
            LOG.warn("dropped {} frame(s) so far that did not fit the {}-byte target (a very busy picture);"
                    + " lower the quality or bitrate", droppedFrames, capacity);
        }
    }

    @Override
    protected void applySettings(EncoderSettings settings) throws VideoUnavailableException {
        NativeException.check("encoderReconfigure0", Native.encoderReconfigure0(handle, codec, settings.fps(),
                settings.quality(), settings.bitrateKbps(), settings.gop(), Native.rateControl(settings.rateControl())));
    }

    @Override
    protected void release() {
        Native.encoderClose0(handle);
        handle = 0;
    }
}
