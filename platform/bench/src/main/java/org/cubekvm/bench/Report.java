package org.cubekvm.bench;

import java.util.Map;

/** The table {@link MemoryBench} prints. */
final class Report {
    private Report() {
    }

    @SuppressWarnings("unchecked")
    static void print(Map<String, Object> result) {
        Map<String, Object> startup = (Map<String, Object>) result.get("startup");
        Map<String, Object> load = (Map<String, Object>) result.get("load");
        Map<String, Object> window = (Map<String, Object>) load.get("window");
        System.out.println();
        System.out.printf("%-44s %s%n", "CubeKVM memory and start-up", "(--jvm " + result.get("jvm") + ", bench profile)");
        row("VmRSS peak / steady (MB)", mb(window.get("vmRssPeakBytes")) + " / " + mb(window.get("vmRssSteadyBytes")));
        row("RssAnon peak / steady (MB)", mb(window.get("rssAnonPeakBytes")) + " / " + mb(window.get("rssAnonSteadyBytes")));
        row("  peaks within the window (MB)", mb(window.get("vmRssPeakInWindowBytes")) + " / "
                + mb(window.get("rssAnonPeakInWindowBytes")));
        row("heap live after full GC (MB)", mb(load.get("heapLiveAfterFullGcBytes")));
        row("heap committed (MB)", mb(window.get("heapCommittedBytes")));
        row("metaspace used (MB)", mb(window.get("metaspaceUsedBytes")));
        row("classes loaded", window.get("classesLoaded"));
        row("threads (OS peak / Java)", window.get("threadsPeak") + " / " + window.get("javaThreads"));
        row("GC in window: count / pause ms / full", window.get("gcCount") + " / " + window.get("gcPauseMillis") + " / "
                + window.get("fullGcCount") + " (full since start: " + window.get("fullGcCountSinceStart") + ")");
        row("allocation rate (MB/s)", String.format("%.3f", ((Number) window.get("allocatedBytesPerSecond")).doubleValue() / 1e6));
        row("MJPEG fps/viewer, H.264 msg/s/viewer, keys/s", String.format("%.1f, %.1f, %.1f",
                window.get("mjpegFps"), window.get("h264MessagesPerSecond"), window.get("keysPerSecond")));
        if (window.get("webrtcViewers") != null) {
            row("WebRTC viewers: N: pkt/s, kbit/s, fps each", String.format("%s: %.1f, %.0f, %.1f", window.get("webrtcViewers"),
                    window.get("webrtcPacketsPerSecond"), window.get("webrtcKbitPerSecond"), window.get("webrtcFramesPerSecond")));
        }
        Map<String, Object> webrtc = (Map<String, Object>) load.get("webrtc");
        if (webrtc != null) {
            Object server = ((com.google.gson.JsonObject) webrtc.get("server")).get("handshakeMillisP50");
            String client = ((java.util.List<?>) webrtc.get("clientConnectMillis")).stream()
                    .map(m -> String.format("%.0f", ((Number) m).doubleValue())).collect(java.util.stream.Collectors.joining(", "));
            row("  DTLS handshake: server p50 / client (ms)", server + " / " + client);
        }
        Map<String, Object> upload = (Map<String, Object>) load.get("upload");
        if (upload != null) {
            row("upload: MiB, MiB/s, status, whole window", String.format("%.0f, %.2f, %s, %s",
                    ((Number) upload.get("bytes")).doubleValue() / (1 << 20),
                    ((Number) upload.getOrDefault("throughputBytesPerSecond", Double.NaN)).doubleValue() / (1 << 20),
                    upload.get("status"), window.get("uploadStillRunningAtWindowEnd")));
        }
        if (webrtc != null && (webrtc.get("failure") != null || ((Number) window.get("webrtcPacketsPerSecond")).doubleValue() == 0)) {
            row("WARNING: a WebRTC viewer received nothing", webrtc.getOrDefault("failure", "no packets in the window"));
        }
        if (upload != null && !Boolean.TRUE.equals(upload.get("completed"))) {
            row("WARNING: the upload did not complete", upload.get("status") + " " + upload.get("answer"));
        }
        if (startup != null) {
            for (String kind : new String[] {"cold", "warm"}) {
                Map<String, Object> series = (Map<String, Object>) startup.get(kind);
                row("start-up " + kind + ": first 200 / first frame (ms)", String.format("%.0f / %.0f (median of %d)",
                        series.get("firstHttp200MedianMillis"), series.get("firstFrameMedianMillis"),
                        ((java.util.List<?>) series.get("firstFrameMillis")).size()));
            }
        }
        Map<String, Object> swap = (Map<String, Object>) load.get("swap");
        if (swap != null) {
            row("hot swaps of org.cubekvm.hid", swap.get("cycles") + " (update median "
                    + String.format("%.0f", swap.get("updateMillisMedian")) + " ms, serving again max "
                    + String.format("%.0f", swap.get("hidServingAgainMillisMax")) + " ms)");
            row("  VmRSS growth / RssAnon growth (MB)", mb(swap.get("vmRssGrowthBytes")) + " / " + mb(swap.get("rssAnonGrowthBytes")));
            row("  classes before → after", swap.get("classesBefore") + " → " + swap.get("classesAfter"));
            row("  stalled viewer intervals / REST failures", swap.get("intervalsWithStalledViewers") + " / " + swap.get("restFailures"));
        }
        Map<String, Object> bundles = (Map<String, Object>) load.get("bundles");
        if (bundles != null) {
            System.out.println();
            System.out.printf("%-60s %8s %14s%n", "class loader (bundle)", "classes", "metaspace KB");
            bundles.forEach((name, value) -> {
                Map<String, Object> cost = (Map<String, Object>) value;
                System.out.printf("%-60s %8s %14d%n", name, cost.get("classes"), ((Number) cost.get("metaspaceBytes")).longValue() / 1024);
            });
        }
    }

    private static void row(String name, Object value) {
        System.out.printf("%-44s %s%n", name, value);
    }

    private static String mb(Object bytes) {
        return String.format("%.1f", ((Number) bytes).doubleValue() / (1024 * 1024));
    }
}
