package org.cubekvm.capture.internal;

import java.util.Locale;
import org.cubekvm.api.metrics.MetricsContributor;
import org.cubekvm.api.metrics.MetricsWriter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Frames encoded and the capture → encode-done latency histogram per codec, for {@code /metrics}. */
@Component(service = MetricsContributor.class)
public class CaptureMetrics implements MetricsContributor {
    private final VideoCaptureService capture;

    @Activate
    public CaptureMetrics(@Reference VideoCaptureService capture) {
        this.capture = capture;
    }

    @Override
    public void collect(MetricsWriter out) {
        capture.forEachChannel(channel -> {
            String codec = channel.codec().name().toLowerCase(Locale.ROOT);
            CaptureStats stats = channel.stats();
            out.counter("cubekvm_video_frames_encoded", "", "Frames encoded by codec", stats.framesEncoded(),
                    "codec", codec);
            out.histogram("cubekvm_video_encode_latency_seconds", "seconds",
                    "Capture to encode done, per frame, by codec", stats.encodeLatency(), "codec", codec);
            channel.viewerFrames().forEach((mode, frames) -> {
                out.counter("cubekvm_stream_frames_sent", "", "Frames handed to viewers by stream mode", frames[0],
                        "mode", mode, "codec", codec);
                out.counter("cubekvm_stream_frames_skipped", "", "Frames viewers skipped (too slow for the newest)",
                        frames[1], "mode", mode, "codec", codec);
            });
        });
    }
}
