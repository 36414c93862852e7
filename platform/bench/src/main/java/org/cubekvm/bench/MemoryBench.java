package org.cubekvm.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Issue 7: memory and start-up of the distribution with the device's JVM options, in the bench
 * profile (replayed encoded frames, a HID sink that counts reports), under a KVM's load.
 * <ol>
 * <li>Start-up, 5 cold starts (fresh data directory) and 5 warm ones (same data directory):
 * process spawn → first HTTP 200 of {@code /healthz}, and spawn → first MJPEG frame received, both
 * polled from the spawn every 20 ms ({@link Platform#awaitHealthyAndFirstFrame}).</li>
 * <li>Load: 2 MJPEG viewers, 2 H.264 WebSocket viewers, {@code --webrtc N} WebRTC viewers (WHEP,
 * default 1: {@link WhepViewers}) and one HID client typing 20 keys/s; 10 s of warm-up, then a
 * measured window: VmRSS/RssAnon (sampled from {@code /proc} every 200 ms, outside the JVM), GC,
 * allocation, classes, metaspace, threads. From the window's start one operator uploads a
 * {@code --upload-mb M} MiB image (default 200, 0: none) paced to {@code --upload-rate-mb R} MiB/s
 * (default 4, so 200 MiB last 50 s of a 60 s window: {@link ImageUpload}); the benchmark waits for
 * its answer after the window and deletes the image.</li>
 * <li>Optionally ({@code --swap N}), N in-place updates of the hid bundle (a fresh copy of its jar,
 * through {@code PUT /api/platform/bundles/{id}}) under the same load: RSS growth, and whether
 * the platform kept serving (viewers kept receiving, HID reconnected, REST answered).</li>
 * <li>After the window: a full GC ({@code jcmd GC.run}) for the live heap, and each bundle's own
 * classes and metaspace ({@code jcmd VM.classloaders}/{@code VM.classloader_stats}).</li>
 * </ol>
 * Usage: {@code MemoryBench --dist DIR --out FILE [--seconds 60] [--swap N] [--starts 5] [--jvm device]
 * [--webrtc 1] [--upload-mb 200] [--upload-rate-mb 4]}
 */
public final class MemoryBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final long SAMPLE_MILLIS = 200;
    private static final int KEYS_PER_SECOND = 20;
    private static final int WARM_UP_SECONDS = 10;

    private final Path dist;
    private final String jvm;

    private MemoryBench(Path dist, String jvm) {
        this.dist = dist;
        this.jvm = jvm;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--seconds", "60", "--swap", "0", "--starts", "5",
                "--jvm", "device", "--webrtc", "1", "--upload-mb", "200", "--upload-rate-mb", "4"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (!options.containsKey("--dist") || !options.containsKey("--out")) {
            System.err.println("usage: MemoryBench --dist DIR --out FILE [--seconds 60] [--swap N] [--starts 5] [--jvm device|pc]"
                    + " [--webrtc N] [--upload-mb M] [--upload-rate-mb R]");
            System.exit(2);
        }
        MemoryBench bench = new MemoryBench(Path.of(options.get("--dist")), options.get("--jvm"));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("jvm", options.get("--jvm"));
        result.put("jvmOptions", Files.readAllLines(bench.dist.resolve("conf/jvm-" + bench.jvm + ".options")).stream()
                .filter(line -> !line.isBlank() && (!line.startsWith("#") || line.startsWith("#env"))).toList());
        String extra = System.getenv("JAVA_TOOL_OPTIONS");
        if (extra != null) {
            result.put("extraJavaToolOptions", extra);
        }
        int starts = Integer.parseInt(options.get("--starts"));
        if (starts > 0) {
            result.put("startup", bench.startups(starts));
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("seconds", Integer.parseInt(options.get("--seconds")));
        inputs.put("webrtcViewers", Integer.parseInt(options.get("--webrtc")));
        inputs.put("uploadMiB", Integer.parseInt(options.get("--upload-mb")));
        inputs.put("uploadRateMiBPerSecond", Double.parseDouble(options.get("--upload-rate-mb")));
        if ((int) inputs.get("webrtcViewers") < 0 || (int) inputs.get("webrtcViewers") > 16 || (int) inputs.get("uploadMiB") < 0
                || (double) inputs.get("uploadRateMiBPerSecond") <= 0) {
            System.err.println("--webrtc must be 0..16, --upload-mb >= 0 and --upload-rate-mb > 0");
            System.exit(2);
        }
        result.put("loadInputs", inputs);
        result.put("load", bench.load(Integer.parseInt(options.get("--seconds")), Integer.parseInt(options.get("--swap")),
                (int) inputs.get("webrtcViewers"), (int) inputs.get("uploadMiB"), (double) inputs.get("uploadRateMiBPerSecond")));
        Path out = Path.of(options.get("--out")).toAbsolutePath();
        Files.createDirectories(out.getParent());
        Files.writeString(out, new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create()
                .toJson(result));
        Report.print(result);
        System.out.println("written " + out);
    }

    // --- start-up -------------------------------------------------------------------------------

    /** A data directory with the bench admin and its API token, made once (setup code → admin → token). */
    private Path primed;

    /** A built-in bundle jar of the distribution, in whichever stage folder ({@code bundles/<stage>/}) it is. */
    private Path builtInJar(String fileName) throws IOException {
        try (var stages = Files.list(dist.resolve("bundles"))) {
            for (Path stage : stages.sorted().toList()) {
                if (Files.isRegularFile(stage.resolve(fileName))) {
                    return stage.resolve(fileName);
                }
            }
        }
        throw new IOException("the distribution has no bundles/<stage>/" + fileName);
    }

    private Path freshData(boolean keepCache) throws Exception {
        if (primed == null) {
            primed = Files.createTempDirectory("cubekvm-memory-primed.");
            Platform platform = Platform.start(dist, jvm, primed);
            try {
                platform.awaitHealthy(60_000);
                Auth.setUp(platform.base(), primed);
            } finally {
                platform.stop();
            }
        }
        if (keepCache) {
            return primed;
        }
        // A cold start: the users and tokens of the primed directory, no bundle cache.
        Path data = Files.createTempDirectory("cubekvm-memory.");
        try (var files = Files.walk(primed)) {
            for (Path file : files.toList()) {
                Path relative = primed.relativize(file);
                if (relative.toString().isEmpty() || relative.startsWith("felix-cache") || relative.toString().endsWith(".pid")
                        || relative.toString().endsWith(".log")) {
                    continue;
                }
                if (Files.isDirectory(file)) {
                    Files.createDirectories(data.resolve(relative));
                } else {
                    Files.copy(file, data.resolve(relative), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return data;
    }

    private Map<String, Object> startups(int count) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("cold", startupSeries(count, false));
        result.put("warm", startupSeries(count, true));
        return result;
    }

    private Map<String, Object> startupSeries(int count, boolean warm) throws Exception {
        List<Double> health = new ArrayList<>();
        List<Double> frame = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[] times = Platform.measureStart(dist, jvm, freshData(warm));
            health.add(times[0]);
            frame.add(times[1]);
        }
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("firstHttp200Millis", health);
        series.put("firstFrameMillis", frame);
        series.put("firstHttp200MedianMillis", median(health));
        series.put("firstFrameMedianMillis", median(frame));
        return series;
    }

    // --- load -----------------------------------------------------------------------------------

    private Map<String, Object> load(int seconds, int swaps, int webrtcViewers, int uploadMiB, double uploadRateMiB)
            throws Exception {
        Path data = freshData(false);
        Platform platform = Platform.start(dist, jvm, data);
        Sampler sampler = new Sampler(platform.pid());
        sampler.start();
        List<MjpegClient> mjpeg = new ArrayList<>();
        List<WsClient> h264 = new ArrayList<>();
        Typist typist = null;
        WhepViewers webrtc = null;
        ImageUpload upload = null;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("dataDirectory", data.toString());
        try {
            platform.awaitHealthy(60_000);
            String base = platform.base();
            for (int i = 0; i < 2; i++) {
                MjpegClient client = new MjpegClient("127.0.0.1", platform.port(), "/api/stream/mjpeg");
                Thread thread = new Thread(client, "bench-mjpeg-" + i);
                thread.setDaemon(true);
                thread.start();
                mjpeg.add(client);
                h264.add(new WsClient(HTTP, base, "/api/stream/h264").connect());
            }
            webrtc = WhepViewers.start(HTTP, base, webrtcViewers);
            typist = new Typist(base);
            typist.start();
            Thread.sleep(WARM_UP_SECONDS * 1000L);
            if (uploadMiB > 0) {
                upload = new ImageUpload(base, uploadMiB * (1L << 20), (long) (uploadRateMiB * (1 << 20)));
            }

            // The measured window.
            JsonObject before = metrics(base);
            long[] framesBefore = frames(mjpeg, h264);
            long keysBefore = typist.keys;
            long[] webrtcBefore = {webrtc.packets(), webrtc.payloadBytes(), webrtc.frames()};
            long windowStart = System.nanoTime();
            sampler.markWindow();
            if (upload != null) {
                upload.start();
            }
            Thread.sleep(seconds * 1000L);
            double windowSeconds = (System.nanoTime() - windowStart) / 1e9;
            JsonObject after = metrics(base);
            long[] framesAfter = frames(mjpeg, h264);
            long[] webrtcAfter = {webrtc.packets(), webrtc.payloadBytes(), webrtc.frames()};
            long uploadedInWindow = upload == null ? 0 : upload.sent();
            boolean uploadRanThroughWindow = upload != null && !upload.done();
            Map<String, Object> window = new LinkedHashMap<>();
            window.put("seconds", windowSeconds);
            window.put("vmRssPeakBytes", sampler.peakRss);
            window.put("rssAnonPeakBytes", sampler.peakAnon);
            window.put("vmRssSteadyBytes", sampler.steady(true, 30));
            window.put("rssAnonSteadyBytes", sampler.steady(false, 30));
            window.put("vmRssPeakInWindowBytes", sampler.peakRssWindow);
            window.put("rssAnonPeakInWindowBytes", sampler.peakAnonWindow);
            window.put("threadsPeak", sampler.peakThreads);
            window.put("threadsEnd", sampler.lastThreads);
            window.put("gcCount", delta(after, before, "gcCount"));
            window.put("gcPauseMillis", delta(after, before, "gcPauseMillis"));
            window.put("fullGcCount", delta(after, before, "fullGcCount"));
            window.put("fullGcCountSinceStart", after.get("fullGcCount").getAsLong());
            window.put("allocatedBytesPerSecond", delta(after, before, "allocatedBytes") / windowSeconds);
            window.put("heapUsedEndBytes", after.get("heapUsedBytes").getAsLong());
            window.put("heapCommittedBytes", after.get("heapCommittedBytes").getAsLong());
            window.put("metaspaceUsedBytes", after.get("metaspaceUsedBytes").getAsLong());
            window.put("directUsedBytes", after.get("directUsedBytes").getAsLong());
            window.put("classesLoaded", after.get("classesLoaded").getAsInt());
            window.put("javaThreads", after.get("threads").getAsInt());
            window.put("mjpegFps", (framesAfter[0] - framesBefore[0]) / windowSeconds / mjpeg.size());
            window.put("h264MessagesPerSecond", (framesAfter[1] - framesBefore[1]) / windowSeconds / h264.size());
            window.put("keysPerSecond", (typist.keys - keysBefore) / windowSeconds);
            if (webrtc.count() > 0) {
                window.put("webrtcViewers", webrtc.count());
                window.put("webrtcPacketsPerSecond", (webrtcAfter[0] - webrtcBefore[0]) / windowSeconds / webrtc.count());
                window.put("webrtcKbitPerSecond", (webrtcAfter[1] - webrtcBefore[1]) * 8 / 1000.0 / windowSeconds / webrtc.count());
                window.put("webrtcFramesPerSecond", (webrtcAfter[2] - webrtcBefore[2]) / windowSeconds / webrtc.count());
            }
            if (upload != null) {
                window.put("uploadBytesInWindow", uploadedInWindow);
                window.put("uploadBytesPerSecondInWindow", uploadedInWindow / windowSeconds);
                window.put("uploadStillRunningAtWindowEnd", uploadRanThroughWindow);
            }
            window.put("hidStatusCounters", hidCounters(base));
            result.put("window", window);
            if (upload != null) {
                // Its answer, outside the window, then the image is removed again.
                Map<String, Object> uploaded = upload.await(TimeUnit.SECONDS.toMillis(
                        (long) (uploadMiB / uploadRateMiB) + 120));
                uploaded.put("deleteStatus", upload.delete());
                result.put("upload", uploaded);
            }
            if (webrtc.count() > 0) {
                Map<String, Object> viewers = new LinkedHashMap<>();
                viewers.put("viewers", webrtc.count());
                viewers.put("clientConnectMillis", webrtc.connectMillis());
                viewers.put("packetsReceived", webrtc.packets());
                viewers.put("payloadBytesReceived", webrtc.payloadBytes());
                viewers.put("framesReceived", webrtc.frames());
                viewers.put("packetsFailingAuthentication", webrtc.rejected());
                viewers.put("failure", webrtc.failure());
                viewers.put("server", get(base + "/api/webrtc/stats"));
                result.put("webrtc", viewers);
            }

            if (swaps > 0) {
                result.put("swap", swap(platform, sampler, mjpeg, h264, typist, swaps));
            }

            // Outside the window: what is live after a full collection, and what each bundle holds.
            platform.jcmd("GC.run");
            Thread.sleep(500);
            JsonObject afterGc = metrics(base);
            result.put("heapLiveAfterFullGcBytes", afterGc.get("heapUsedBytes").getAsLong());
            result.put("bundles", BundleCosts.read(platform, bundles(base)));
            String nmt = platform.jcmd("VM.native_memory", "summary");
            if (nmt.contains("Total:")) {
                result.put("nativeMemorySummary", nmt);
            }
            for (MjpegClient client : mjpeg) {
                if (client.failure != null) {
                    result.put("viewerFailure", client.failure);
                }
            }
        } finally {
            if (typist != null) {
                typist.stop();
            }
            if (webrtc != null) {
                webrtc.close();
            }
            mjpeg.forEach(MjpegClient::stop);
            h264.forEach(WsClient::close);
            sampler.stop();
            platform.stop();
        }
        return result;
    }

    private Map<String, Object> swap(Platform platform, Sampler sampler, List<MjpegClient> mjpeg, List<WsClient> h264,
            Typist typist, int swaps) throws Exception {
        String base = platform.base();
        long id = -1;
        for (JsonElement bundle : bundles(base)) {
            if ("org.cubekvm.hid".equals(bundle.getAsJsonObject().get("symbolicName").getAsString())) {
                id = bundle.getAsJsonObject().get("id").getAsLong();
            }
        }
        if (id < 0) {
            throw new IOException("the hid bundle is not installed");
        }
        Path jar = builtInJar("org.cubekvm.hid.jar");
        sampler.markSwap();
        Thread.sleep(5000);
        long rssBefore = sampler.steadySinceSwapMark(true);
        long anonBefore = sampler.steadySinceSwapMark(false);
        JsonObject metricsBefore = metrics(base);
        List<Long> rssAfterEach = new ArrayList<>();
        List<Double> updateMillis = new ArrayList<>();
        List<Double> hidBackMillis = new ArrayList<>();
        int stalledViewerIntervals = 0;
        int restFailures = 0;
        long[] frames = frames(mjpeg, h264);
        for (int i = 1; i <= swaps; i++) {
            byte[] copy = freshCopy(jar, i);
            long started = System.nanoTime();
            HttpResponse<String> response = HTTP.send(Auth.authorize(HttpRequest.newBuilder(URI.create(base + "/api/platform/bundles/" + id)))
                    .header("Content-Type", "application/java-archive")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(copy)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            updateMillis.add((System.nanoTime() - started) / 1e6);
            if (response.statusCode() / 100 != 2) {
                throw new IOException("swap " + i + ": PUT answered " + response.statusCode() + ": " + response.body());
            }
            // Serving again: the hid REST resource answers and the keyboard socket reconnects.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (true) {
                boolean rest = status(base + "/api/hid/status") == 200;
                if (rest && typist.connected()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    restFailures++;
                    break;
                }
                Thread.sleep(20);
            }
            hidBackMillis.add((System.nanoTime() - started) / 1e6);
            Thread.sleep(2000);
            long[] now = frames(mjpeg, h264);
            if (now[0] - frames[0] < 2 * mjpeg.size() || now[1] - frames[1] < 2 * h264.size()) {
                stalledViewerIntervals++;
            }
            if (status(base + "/api/platform/info") != 200) {
                restFailures++;
            }
            frames = now;
            rssAfterEach.add(sampler.lastRss);
        }
        Thread.sleep(10_000);
        sampler.markSwap();
        Thread.sleep(5000);
        long rssAfter = sampler.steadySinceSwapMark(true);
        long anonAfter = sampler.steadySinceSwapMark(false);
        JsonObject metricsAfter = metrics(base);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("cycles", swaps);
        result.put("vmRssBeforeBytes", rssBefore);
        result.put("vmRssAfterBytes", rssAfter);
        result.put("vmRssGrowthBytes", rssAfter - rssBefore);
        result.put("rssAnonGrowthBytes", anonAfter - anonBefore);
        result.put("vmRssAfterEachBytes", rssAfterEach);
        result.put("classesBefore", metricsBefore.get("classesLoaded").getAsInt());
        result.put("classesAfter", metricsAfter.get("classesLoaded").getAsInt());
        result.put("metaspaceBeforeBytes", metricsBefore.get("metaspaceUsedBytes").getAsLong());
        result.put("metaspaceAfterBytes", metricsAfter.get("metaspaceUsedBytes").getAsLong());
        result.put("fullGcCountDuringSwaps", delta(metricsAfter, metricsBefore, "fullGcCount"));
        result.put("updateMillisMedian", median(updateMillis));
        result.put("hidServingAgainMillisMedian", median(hidBackMillis));
        result.put("hidServingAgainMillisMax", Collections.max(hidBackMillis));
        result.put("intervalsWithStalledViewers", stalledViewerIntervals);
        result.put("restFailures", restFailures);
        result.put("hidReconnects", typist.reconnects);
        return result;
    }

    /** The hid jar with one more manifest header: a different jar, so a new revision and class loader. */
    private static byte[] freshCopy(Path jar, int generation) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarFile in = new JarFile(jar.toFile())) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name("X-CubeKVM-Bench-Copy"), Integer.toString(generation));
            try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
                for (JarEntry entry : Collections.list(in.entries())) {
                    if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream content = in.getInputStream(entry)) {
                        content.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    // --- helpers --------------------------------------------------------------------------------

    private static long[] frames(List<MjpegClient> mjpeg, List<WsClient> h264) {
        return new long[] {mjpeg.stream().mapToLong(c -> c.frames).sum(), h264.stream().mapToLong(c -> c.messages).sum()};
    }

    static JsonObject metrics(String base) throws IOException, InterruptedException {
        return get(base + "/api/platform/metrics").getAsJsonObject();
    }

    private static JsonArray bundles(String base) throws IOException, InterruptedException {
        return get(base + "/api/platform/bundles").getAsJsonArray();
    }

    private static JsonElement hidCounters(String base) throws IOException, InterruptedException {
        return get(base + "/api/hid/status").getAsJsonObject().get("counters");
    }

    static JsonElement get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(Auth.authorize(HttpRequest.newBuilder(URI.create(url)))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return com.google.gson.JsonParser.parseString(response.body());
    }

    static int status(String url) {
        return status(HTTP, Auth.authorize(HttpRequest.newBuilder(URI.create(url))).timeout(Duration.ofSeconds(5)).GET().build());
    }

    /** @return the status of {@code request}'s answer (its body discarded), -1 when it failed. */
    static int status(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static long delta(JsonObject after, JsonObject before, String name) {
        return after.get(name).getAsLong() - before.get(name).getAsLong();
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** One keyboard client: press and release a letter 20 times a second; reconnects after a close. */
    private static final class Typist implements Runnable {
        private final String base;
        private final Thread thread = new Thread(this, "bench-typist");
        private volatile boolean stop;
        private volatile WsClient client;
        volatile long keys;
        volatile long reconnects;

        Typist(String base) throws Exception {
            this.base = base;
            this.client = new WsClient(HTTP, base, "/api/hid").connect();
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        boolean connected() {
            return client.open();
        }

        void stop() throws InterruptedException {
            stop = true;
            thread.join(5000);
            client.close();
        }

        @Override
        public void run() {
            long periodNanos = 1_000_000_000L / KEYS_PER_SECOND;
            long next = System.nanoTime();
            byte[] release = new byte[9];
            release[0] = 0x01;
            while (!stop) {
                byte[] press = new byte[9];
                press[0] = 0x01;
                press[3] = (byte) (0x04 + keys % 26); // a..z
                try {
                    if (!client.open()) {
                        client = new WsClient(HTTP, base, "/api/hid").connect();
                        reconnects++;
                    }
                    client.send(press);
                    client.send(release);
                    keys++;
                } catch (Exception e) {
                    // the bundle is being swapped: reconnect on the next tick
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
                next += periodNanos;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(sleep);
                    } catch (InterruptedException e) {
                        return;
                    }
                } else {
                    next = System.nanoTime();
                }
            }
        }
    }
}
