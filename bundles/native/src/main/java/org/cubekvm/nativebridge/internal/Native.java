package org.cubekvm.nativebridge.internal;

import java.nio.ByteBuffer;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.RateControl;

/**
 * Every native method of CubeKVM (libcubekvm, {@code native-libs/src/jni_bridge.c}). The
 * library registers them in {@code JNI_OnLoad}; the constants mirror {@code cubekvm.h} and
 * {@code recording.h}, guarded by {@link #ABI_VERSION}.
 * <p>
 * Raw natives end in 0, take primitives and direct-buffer addresses and return {@code -errno}
 * on failure; {@link NativeException#check} turns that into an exception naming the call.
 * Only call them after {@link NativeLibrary} reported the library available.
 */
final class Native {
    static final int ABI_VERSION = 3;

    static final int CODEC_MJPEG = 0;
    static final int CODEC_H264 = 1;
    static final int RC_CBR = 0;
    static final int RC_VBR = 1;

    /** Encode/replay results: the size in the low 31 bits, the key flag in bit 32. */
    static final long RESULT_KEY = 1L << 32;
    static final long RESULT_SIZE = 0x7fffffffL;

    static final int REPLAY_CODEC = 0;
    static final int REPLAY_WIDTH = 1;
    static final int REPLAY_HEIGHT = 2;
    static final int REPLAY_FPS = 3;
    static final int REPLAY_FRAMES = 4;
    static final int REPLAY_KEY_FRAMES = 5;
    static final int REPLAY_MAX_FRAME_BYTES = 6;
    static final int REPLAY_POSITION = 7;

    /** sg2002Info0 fields (sg2002.h). */
    static final int SG_WIDTH = 0;
    static final int SG_HEIGHT = 1;
    static final int SG_MAX_FRAME_BYTES = 2;
    static final int SG_RUNNING = 3;

    private Native() {
    }

    static int codec(Codec codec) {
        return codec == Codec.MJPEG ? CODEC_MJPEG : CODEC_H264;
    }

    static int rateControl(RateControl rateControl) {
        return rateControl == RateControl.CBR ? RC_CBR : RC_VBR;
    }

    static int size(long result) {
        return (int) (result & RESULT_SIZE);
    }

    static boolean key(long result) {
        return (result & RESULT_KEY) != 0;
    }

    static native int abiVersion0();

    /** CLOCK_REALTIME in microseconds, without allocating (unlike {@code Instant.now()}). */
    static native long epochMicros0();

    /** The address of a direct buffer; 0 for a heap buffer. */
    static native long address0(ByteBuffer buffer);

    /** 1 when the codec's library is bound (binds it on first call), 0 when not. */
    static native int codecAvailable0(int codec);

    /** Why the codec is unavailable, naming the library and its install command; null when available. */
    static native String codecProblem0(int codec);

    /** Simulates a missing codec library (tests); the environment variable CUBEKVM_DISABLE_CODECS does the same. */
    static native int setCodecDisabled0(int codec, boolean disabled);

    static native long maxFrameBytes0(int codec, int width, int height);

    /** A host encoder handle, or -errno (-ELIBACC: the codec's library is missing). */
    static native long encoderOpen0(int codec, int fps, int quality, int bitrateKbps, int gop, int rateControl);

    /** Encodes a BGRX picture by address into dst; size | RESULT_KEY, 0 for no output, or -errno. */
    static native long encode0(long handle, long src, int width, int height, int stride, long timestampMillis,
            long dst, int capacity);

    static native int encoderForceKey0(long handle);

    static native int encoderReconfigure0(long handle, int codec, int fps, int quality, int bitrateKbps, int gop,
            int rateControl);

    static native int encoderClose0(long handle);

    /** Opens and indexes a recording (frames are read later with pread); the path is UTF-8 bytes at an address (no NUL). */
    static native long replayOpen0(long path, int pathLength);

    static native long replayInfo0(long handle, int field);

    /** Copies the next recorded frame into dst; size | RESULT_KEY, or -errno. */
    static native long replayNext0(long handle, long dst, int capacity);

    static native int replaySeekKey0(long handle);

    static native int replayClose0(long handle);

    /** 1 when the vendor MPI libraries are bound (binds them on first call), 0 when not. */
    static native int sg2002Available0();

    /** Why the MPI is unavailable, or the last MPI call that failed; null when nothing to tell. */
    static native String sg2002Problem0();

    /** The HDMI input as (width << 16 | height), 0 without a signal. */
    static native long sg2002Signal0();

    /** A VENC channel handle (output size 0x0 = the input's), or -errno (-EBUSY: the codec's channel is open). */
    static native long sg2002Open0(int codec, int fps, int quality, int bitrateKbps, int gop, int rateControl,
            int width, int height);

    /** The next VENC frame copied into dst: size | RESULT_KEY, 0 for none in time, -ENOLINK without signal, or -errno. */
    static native long sg2002Next0(long handle, long dst, int capacity, boolean wantKey, int timeoutMillis);

    static native int sg2002Reconfigure0(long handle, int codec, int fps, int quality, int bitrateKbps, int gop,
            int rateControl);

    static native long sg2002Info0(long handle, int field);

    static native int sg2002Close0(long handle);
    /**
     * Requests line {@code offset} of the GPIO chip at the path (a {@code /dev/gpiochipN}, bytes
     * at an address) as an output at {@code initialLevel} ({@code output} 1) or an input (0),
     * with a consumer name: a line handle or -errno.
     */
    static native long gpioRequest0(long path, int pathLength, int offset, int output, int initialLevel, long consumer,
            int consumerLength);

    /** Drives an output line to 0/1: 0 or -errno (-EBADF for a bad handle). */
    static native int gpioSet0(long handle, int level);

    /** The line's level 0/1, or -errno. */
    static native int gpioGet0(long handle);

    /** Releases the line and frees its handle: 0 or -EBADF. */
    static native int gpioRelease0(long handle);

    /** Opens the I2C bus at the path (a {@code /dev/i2c-N}, bytes at an address) for a 7-bit address: a handle or -errno. */
    static native long i2cOpen0(long path, int pathLength, int address);

    /** One I2C write of {@code length} bytes at {@code data}: 0 or -errno. */
    static native int i2cWrite0(long handle, long data, int length);

    /** Closes the device and frees its handle: 0 or -EBADF. */
    static native int i2cClose0(long handle);

    /** The descriptor of a java.nio socket channel (its {@code fdVal} field), or -errno (-ENOTSOCK: no such field). */
    static native int socketFd0(Object channel);

    /** The bytes a TCP socket holds that its peer has not acknowledged (SIOCOUTQ), or -errno. */
    static native int socketSendQueue0(int fd);
}
