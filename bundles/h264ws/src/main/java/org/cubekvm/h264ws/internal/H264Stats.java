package org.cubekvm.h264ws.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.cubekvm.common.metrics.LatencyBuckets;

/** Figures of all H.264 WebSocket viewers, for {@code GET /api/stream/h264/stats} and the benchmark. */
final class H264Stats {
    /** encode done → last byte handed to the socket. */
    final LatencySamples writeLatency = new LatencySamples(2048);
    /** frame capture → client's decode ack. */
    final LatencySamples ackLatency = new LatencySamples(2048);
    final AtomicLong framesSent = new AtomicLong();
    final AtomicLong keyFramesSent = new AtomicLong();
    final AtomicLong malformedMessages = new AtomicLong();
    final AtomicLong viewers = new AtomicLong();
    /** encode done → handed to the socket, every frame since start (not reset), for {@code /metrics}. */
    private final LatencyBuckets writeLatencyBuckets = new LatencyBuckets();

    void recordWrite(long micros) {
        writeLatency.record(micros);
        synchronized (writeLatencyBuckets) {
            writeLatencyBuckets.observe(micros);
        }
        framesSent.incrementAndGet();
    }

    org.cubekvm.api.metrics.HistogramSnapshot writeLatencyHistogram() {
        synchronized (writeLatencyBuckets) {
            return writeLatencyBuckets.snapshot();
        }
    }

    StatsView view() {
        return new StatsView(viewers.get(), framesSent.get(), keyFramesSent.get(), malformedMessages.get(),
                writeLatency.percentile(50), writeLatency.percentile(99), ackLatency.percentile(50),
                ackLatency.percentile(99));
    }

    void reset() {
        writeLatency.clear();
        ackLatency.clear();
    }

    /** The JSON shape. */
    record StatsView(long viewers, long framesSent, long keyFramesSent, long malformedMessages,
            long writeLatencyMicrosP50, long writeLatencyMicrosP99, long ackLatencyMicrosP50, long ackLatencyMicrosP99) {
    }
}
