package org.cubekvm.h264ws.internal;

import org.cubekvm.api.metrics.MetricsContributor;
import org.cubekvm.api.metrics.MetricsWriter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The H.264 WebSocket's frames, key frames, malformed messages and write latency, for {@code /metrics}. */
@Component(service = MetricsContributor.class)
public class H264Metrics implements MetricsContributor {
    private final H264StreamServlet servlet;

    @Activate
    public H264Metrics(@Reference H264StreamServlet servlet) {
        this.servlet = servlet;
    }

    @Override
    public void collect(MetricsWriter out) {
        H264Stats stats = servlet.stats();
        out.counter("cubekvm_h264ws_frames_written", "", "Frames written to H.264 WebSockets", stats.framesSent.get());
        out.counter("cubekvm_h264ws_key_frames_written", "", "Key frames written to H.264 WebSockets",
                stats.keyFramesSent.get());
        out.counter("cubekvm_h264ws_malformed_messages", "", "Malformed client messages on H.264 WebSockets",
                stats.malformedMessages.get());
        out.histogram("cubekvm_stream_write_latency_seconds", "seconds",
                "Encode done to the frame handed to the connection, by stream mode", stats.writeLatencyHistogram(),
                "mode", "h264");
    }
}
