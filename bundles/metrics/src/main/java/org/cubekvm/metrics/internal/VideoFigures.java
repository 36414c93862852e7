package org.cubekvm.metrics.internal;

import java.util.Map;
import org.cubekvm.api.metrics.MetricsWriter;
import org.cubekvm.api.video.VideoStatus;

/** Viewers per stream mode and the encoder's output, from {@link VideoStatus}. */
final class VideoFigures {
    private VideoFigures() {
    }

    static void write(MetricsWriter out, VideoStatus status) {
        for (Map.Entry<String, Integer> viewers : status.viewers().entrySet()) {
            out.gauge("cubekvm_stream_viewers", "", "Open video streams by mode", viewers.getValue(),
                    "mode", viewers.getKey());
        }
        out.gauge("cubekvm_video_signal", "", "1 while the source delivers pictures", status.signal() ? 1 : 0);
        out.gauge("cubekvm_video_frames_per_second", "", "Frames encoded over the last second", status.fps());
    }
}
