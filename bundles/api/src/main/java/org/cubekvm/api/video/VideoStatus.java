package org.cubekvm.api.video;

import java.util.Map;

/**
 * What {@code GET /api/video/status} reports.
 *
 * @param signal                 whether the source delivers pictures
 * @param inputWidth             source width, 0 without signal
 * @param inputHeight            source height, 0 without signal
 * @param fps                    frames encoded per second over the last second (0 when idle)
 * @param viewers                viewers per transport name ("mjpeg", "h264", "webrtc")
 * @param bitrateKbps            encoded output over the last second
 * @param encodeLatencyMicrosP50 capture → encode done, median of recent frames
 * @param encodeLatencyMicrosP99 capture → encode done, 99th percentile of recent frames
 */
public record VideoStatus(boolean signal, int inputWidth, int inputHeight, double fps,
        Map<String, Integer> viewers, long bitrateKbps, long encodeLatencyMicrosP50,
        long encodeLatencyMicrosP99) {
}
