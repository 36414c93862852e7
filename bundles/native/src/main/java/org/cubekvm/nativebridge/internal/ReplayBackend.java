package org.cubekvm.nativebridge.internal;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.cubekvm.api.platform.Health;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.EncoderChannel;
import org.cubekvm.api.video.EncoderSettings;
import org.cubekvm.api.video.VideoUnavailableException;

/**
 * Replays recorded encoded frames: what the device's hardware encoder would deliver, without a
 * raw frame source or a software encoder, so the JVM's frame path and memory can be measured on
 * a PC (the bench profile). Never binds libturbojpeg or openh264.
 */
final class ReplayBackend implements EncoderBackend {
    private final NativeLibrary library;
    private final Recordings recordings;
    private final ChannelRegistry channels = new ChannelRegistry();

    ReplayBackend(NativeLibrary library, Recordings recordings) {
        this.library = library;
        this.recordings = recordings;
    }

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public String unavailabilityCause(Codec codec) {
        String cause = library.unavailabilityCause();
        if (cause != null) {
            return cause;
        }
        if (!recordings.has(codec)) {
            return "there is no " + codec + " recording (" + Recordings.prefix(codec) + "*.ckr) in " + recordings.where()
                    + "; the build makes them (make -C native-libs recordings needs libturbojpeg0-dev and libopenh264-dev)"
                    + " or set replayDirectory";
        }
        return null;
    }

    @Override
    public EncoderChannel open(EncoderSettings settings) throws VideoUnavailableException {
        String cause = unavailabilityCause(settings.codec());
        if (cause != null) {
            throw new VideoUnavailableException(cause);
        }
        Path file;
        try {
            file = recordings.locate(settings.codec());
        } catch (IOException e) {
            throw new VideoUnavailableException("the " + settings.codec() + " recording cannot be read: " + e.getMessage(), e);
        }
        long handle = openNative(file);
        try {
            int codec = (int) Native.replayInfo0(handle, Native.REPLAY_CODEC);
            if (codec != Native.codec(settings.codec())) {
                throw new VideoUnavailableException("the recording " + file + " does not hold " + settings.codec());
            }
            int width = (int) Native.replayInfo0(handle, Native.REPLAY_WIDTH);
            int height = (int) Native.replayInfo0(handle, Native.REPLAY_HEIGHT);
            int maxFrameBytes = (int) Native.replayInfo0(handle, Native.REPLAY_MAX_FRAME_BYTES);
            return new ReplayChannel(settings, handle, width, height, maxFrameBytes, channels);
        } catch (VideoUnavailableException | RuntimeException e) {
            Native.replayClose0(handle);
            throw e;
        }
    }

    private static long openNative(Path file) throws NativeException {
        byte[] bytes = file.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer path = ByteBuffer.allocateDirect(bytes.length).put(bytes);
        try {
            long handle = Native.replayOpen0(Native.address0(path), bytes.length);
            if (handle < 0) {
                throw new NativeException("replayOpen0", (int) -handle, file.toString());
            }
            return handle;
        } finally {
            Reference.reachabilityFence(path); // the native side reads it by address
        }
    }

    @Override
    public List<Health> health() {
        return CodecHealth.of(this, "MJPEG frames are replayed from a recording (no encoder runs)",
                "H.264 frames are replayed from a recording (no encoder runs)");
    }

    @Override
    public void shutdown(String reason) {
        channels.closeAll(reason);
    }
}
