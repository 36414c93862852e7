package org.cubekvm.capture.internal;

import java.util.Map;
import org.cubekvm.api.video.Codec;
import org.cubekvm.api.video.EncoderChannel;
import org.cubekvm.api.video.FrameListener;
import org.cubekvm.api.video.VideoStream;
import org.cubekvm.api.video.VideoUnavailableException;

/**
 * Benchmark seam (platform/bench {@code FramePathBenchmark}, shipped in this module's test jar,
 * never in the bundle): the capture path of one channel with no capture thread, so the caller's
 * thread runs exactly what the capture thread runs ({@link CaptureChannel#step}) and the viewers
 * take frames through the public {@link VideoStream} API.
 */
public final class FramePathHarness {
    private final CaptureChannel channel;
    private final VideoStream[] viewers;

    /** An MJPEG channel with a ring of {@code viewers + 2} slots of {@code frameBytes} and that many viewers. */
    public FramePathHarness(int viewers, int frameBytes) {
        VideoSettings settings = VideoSettingsParser.merge(VideoSettings.DEFAULTS, Map.of(), true);
        channel = new CaptureChannel(Codec.MJPEG, null, settings, 2000, viewers + 2);
        channel.useRing(new FrameRing(viewers + 2, frameBytes));
        FrameListener listener = stream -> { };
        this.viewers = new VideoStream[viewers];
        for (int i = 0; i < viewers; i++) {
            // Not added to the channel: no capture thread starts; the caller is the capture thread.
            this.viewers[i] = new Viewer(channel, listener, "mjpeg");
        }
    }

    /** One frame: pull from {@code encoder} into a ring slot, publish, announce; the frame size or 0. */
    public int step(EncoderChannel encoder) throws VideoUnavailableException {
        return channel.step(encoder);
    }

    /** The viewers, each taking the newest frame with {@link VideoStream#acquireNewest()}. */
    public VideoStream[] viewers() {
        return viewers;
    }
}
