package org.cubekvm.bench;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time per second of streaming: the platform (bench profile: replayed VENC frames, no software
 * encoder, so what remains is what the device's core would spend on top of its hardware encoder)
 * serves 0, 1 and 4 viewers per mode for a window each (after an unmeasured warm-up window per mode); user + system time from
 * {@code /proc/<pid>/stat} over the window, and per thread from {@code /proc/<pid>/task/*}/stat}
 * (grouped by name without trailing numbers) to show where it goes.
 *
 * <p>Usage: {@code CpuBench --dist DIR --out FILE [--seconds 10] [--jvm device]}
 */
public final class CpuBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final long WARM_UP_MILLIS = 3000;
    /** USER_HZ: what /proc's utime and stime count in (100 on every Linux this runs on; getconf CLK_TCK). */
    private static final double TICKS_PER_SECOND = Double.parseDouble(System.getProperty("cubekvm.clk.tck", "100"));

    private CpuBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--seconds", "10", "--jvm", "device"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (!options.containsKey("--dist") || !options.containsKey("--out")) {
            System.err.println("usage: CpuBench --dist DIR --out FILE [--seconds 10] [--jvm device|pc]");
            System.exit(2);
        }
        int seconds = Integer.parseInt(options.get("--seconds"));
        Path data = Files.createTempDirectory("cubekvm-cpu.");
        Platform platform = Platform.start(Path.of(options.get("--dist")), options.get("--jvm"), data);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("jvm", options.get("--jvm"));
        result.put("windowSeconds", seconds);
        List<Map<String, Object>> rows = new ArrayList<>();
        try {
            platform.awaitHealthy(60_000);
            Auth.setUp(platform.base(), data);
            // Let the start-up's compilation and GC settle, and compile the streaming paths once
            // (an unmeasured window per mode), so that no window pays for the JIT of another.
            Thread.sleep(5000);
            window(platform, "mjpeg", 4, 5);
            window(platform, "h264-ws", 4, 5);
            rows.add(window(platform, "idle", 0, seconds));
            for (String mode : List.of("mjpeg", "h264-ws")) {
                for (int viewers : List.of(1, 4)) {
                    rows.add(window(platform, mode, viewers, seconds));
                }
            }
        } finally {
            platform.stop();
        }
        result.put("rows", rows);
        System.out.println();
        System.out.printf("%-8s %7s %14s %14s %16s   %s%n", "mode", "viewers", "CPU ms/s", "net of idle", "frames/s (all)",
                "top threads (ms/s)");
        double idle = (double) rows.get(0).get("cpuMillisPerSecond");
        for (Map<String, Object> row : rows) {
            double cpu = (double) row.get("cpuMillisPerSecond");
            row.put("netOfIdleMillisPerSecond", cpu - idle);
            @SuppressWarnings("unchecked")
            Map<String, Double> threads = (Map<String, Double>) row.get("threadsMillisPerSecond");
            String top = threads.entrySet().stream().limit(5)
                    .map(e -> e.getKey() + " " + String.format("%.1f", e.getValue())).collect(Collectors.joining(", "));
            System.out.printf("%-8s %7d %14.1f %14.1f %16.1f   %s%n", row.get("mode"), row.get("viewers"), cpu, cpu - idle,
                    row.get("framesPerSecond"), top);
        }
        Path out = Path.of(options.get("--out")).toAbsolutePath();
        Files.createDirectories(out.getParent());
        Files.writeString(out, new GsonBuilder().setPrettyPrinting().create().toJson(result));
        System.out.println("written " + out);
    }

    private static Map<String, Object> window(Platform platform, String mode, int viewers, int seconds) throws Exception {
        List<MjpegClient> mjpeg = new ArrayList<>();
        List<WsClient> ws = new ArrayList<>();
        for (int i = 0; i < viewers; i++) {
            if (mode.equals("mjpeg")) {
                MjpegClient client = new MjpegClient("127.0.0.1", platform.port(), "/api/stream/mjpeg");
                Thread thread = new Thread(client, "bench-cpu-mjpeg-" + i);
                thread.setDaemon(true);
                thread.start();
                mjpeg.add(client);
            } else {
                ws.add(new WsClient(HTTP, platform.base(), "/api/stream/h264").connect());
            }
        }
        try {
            Thread.sleep(WARM_UP_MILLIS);
            long framesBefore = frames(mjpeg, ws);
            long ticksBefore = processTicks(platform.pid());
            Map<String, Long> threadsBefore = threadTicks(platform.pid());
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long ticksAfter = processTicks(platform.pid());
            Map<String, Long> threadsAfter = threadTicks(platform.pid());
            double elapsed = (System.nanoTime() - start) / 1e9;
            long framesAfter = frames(mjpeg, ws);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("mode", mode);
            row.put("viewers", viewers);
            row.put("seconds", elapsed);
            row.put("cpuMillisPerSecond", (ticksAfter - ticksBefore) * 1000 / TICKS_PER_SECOND / elapsed);
            row.put("framesPerSecond", (framesAfter - framesBefore) / elapsed);
            Map<String, Double> threads = new HashMap<>();
            threadsAfter.forEach((name, ticks) -> {
                double millis = (ticks - threadsBefore.getOrDefault(name, 0L)) * 1000 / TICKS_PER_SECOND / elapsed;
                if (millis > 0) {
                    threads.put(name, millis);
                }
            });
            Map<String, Double> sorted = new LinkedHashMap<>();
            threads.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> sorted.put(e.getKey(), e.getValue()));
            row.put("threadsMillisPerSecond", sorted);
            System.err.printf("cpu: %s × %d: %.1f ms/s%n", mode, viewers, (double) row.get("cpuMillisPerSecond"));
            return row;
        } finally {
            mjpeg.forEach(MjpegClient::stop);
            ws.forEach(WsClient::close);
            // The encoder lingers a moment after its last viewer; let it stop before the next window.
            Thread.sleep(3000);
        }
    }

    private static long frames(List<MjpegClient> mjpeg, List<WsClient> ws) {
        return mjpeg.stream().mapToLong(c -> c.frames).sum() + ws.stream().mapToLong(c -> c.messages).sum();
    }

    /** utime + stime of the process (all its threads, live and ended). */
    static long processTicks(long pid) throws IOException {
        return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    }

    /** utime + stime per live thread, summed by name with trailing digits and dashes cut (pool members together). */
    static Map<String, Long> threadTicks(long pid) throws IOException {
        Map<String, Long> byName = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[-#0-9]+$", "");
                byName.merge(name.isEmpty() ? "?" : name, ticks(stat), Long::sum);
            }
        }
        return byName;
    }

    /** Fields 14 and 15 (utime, stime) of a stat line; the name in parentheses may contain spaces. */
    private static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (state), so utime (14) is fields[11] and stime (15) fields[12].
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
