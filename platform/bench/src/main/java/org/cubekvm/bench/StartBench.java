package org.cubekvm.bench;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Start → first frame of one or more distributions, side by side: spawn → first {@code /healthz}
 * 200 and spawn → first whole MJPEG frame, both polled from the spawn (every 20 ms, as
 * {@link MemoryBench} does; {@link Platform#awaitHealthyAndFirstFrame}), bench profile,
 * the given JVM options. Each round starts every distribution once cold (no bundle cache) and once
 * warm (the cache of an earlier start), one after the other, so a change in the host's load hits all
 * of them alike. Every distribution must already have its AppCDS archive (bench/start trains it).
 *
 * <p>Usage: {@code StartBench --out FILE [--starts 5] [--jvm device] --dist NAME=DIR [--dist NAME=DIR …]}
 */
public final class StartBench {
    private StartBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Path> dists = new LinkedHashMap<>();
        Map<String, String> options = new LinkedHashMap<>(Map.of("--starts", "5", "--jvm", "device"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--dist")) {
                String[] named = args[i + 1].split("=", 2);
                if (named.length != 2) {
                    throw new IllegalArgumentException("--dist must be NAME=DIR, was '" + args[i + 1] + "'");
                }
                dists.put(named[0], Path.of(named[1]));
            } else {
                options.put(args[i], args[i + 1]);
            }
        }
        if (dists.isEmpty() || !options.containsKey("--out")) {
            System.err.println("usage: StartBench --out FILE [--starts 5] [--jvm device|pc] --dist NAME=DIR [--dist NAME=DIR …]");
            System.exit(2);
        }
        int starts = Integer.parseInt(options.get("--starts"));
        String jvm = options.get("--jvm");

        // One admin and token for every run: made once by the first distribution, copied for the others.
        Path primed = Files.createTempDirectory("cubekvm-start-primed.");
        Platform first = Platform.start(dists.values().iterator().next(), jvm, primed);
        try {
            first.awaitHealthy(60_000);
            Auth.setUp(first.base(), primed);
        } finally {
            first.stop();
        }
        Map<String, Path> warmData = new LinkedHashMap<>();
        for (Map.Entry<String, Path> dist : dists.entrySet()) {
            Path data = copyWithoutCache(primed);
            Platform platform = Platform.start(dist.getValue(), jvm, data);
            try {
                platform.awaitHealthy(60_000);
                platform.awaitFirstMjpegFrame(30_000);
            } finally {
                platform.stop();
            }
            warmData.put(dist.getKey(), data);
        }

        Map<String, Map<String, List<Double>>> figures = new LinkedHashMap<>();
        for (String name : dists.keySet()) {
            Map<String, List<Double>> series = new LinkedHashMap<>();
            for (String key : List.of("coldHealthy", "coldFrame", "warmHealthy", "warmFrame")) {
                series.put(key, new ArrayList<>());
            }
            figures.put(name, series);
        }
        for (int round = 0; round < starts; round++) {
            for (Map.Entry<String, Path> dist : dists.entrySet()) {
                Map<String, List<Double>> series = figures.get(dist.getKey());
                Path cold = copyWithoutCache(primed);
                measure(dist.getValue(), jvm, cold, series.get("coldHealthy"), series.get("coldFrame"));
                measure(dist.getValue(), jvm, warmData.get(dist.getKey()), series.get("warmHealthy"), series.get("warmFrame"));
                System.err.printf("start: round %d %s cold %.0f ms, warm %.0f ms to the first frame%n", round + 1,
                        dist.getKey(), last(series.get("coldFrame")), last(series.get("warmFrame")));
            }
        }

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("jvm", jvm);
        result.put("starts", starts);
        System.out.println();
        System.out.printf("%-12s %28s %28s%n", "", "cold: /healthz / first frame", "warm: /healthz / first frame");
        for (Map.Entry<String, Map<String, List<Double>>> entry : figures.entrySet()) {
            Map<String, List<Double>> series = entry.getValue();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("dist", dists.get(entry.getKey()).toString());
            series.forEach(out::put);
            series.forEach((key, values) -> out.put(key + "MedianMillis", MemoryBench.median(values)));
            result.put(entry.getKey(), out);
            System.out.printf("%-12s %15.0f / %7.0f ms %15.0f / %7.0f ms  (medians of %d)%n", entry.getKey(),
                    MemoryBench.median(series.get("coldHealthy")), MemoryBench.median(series.get("coldFrame")),
                    MemoryBench.median(series.get("warmHealthy")), MemoryBench.median(series.get("warmFrame")), starts);
        }
        Path out = Path.of(options.get("--out")).toAbsolutePath();
        Files.createDirectories(out.getParent());
        Files.writeString(out, new GsonBuilder().setPrettyPrinting().create().toJson(result));
        System.out.println("written " + out);
    }

    private static void measure(Path dist, String jvm, Path data, List<Double> healthy, List<Double> frame) throws Exception {
        double[] times = Platform.measureStart(dist, jvm, data);
        healthy.add(times[0]);
        frame.add(times[1]);
    }

    private static double last(List<Double> values) {
        return values.get(values.size() - 1);
    }

    /** The users and tokens of {@code primed}, without its bundle cache, logs and pid file. */
    private static Path copyWithoutCache(Path primed) throws IOException {
        Path data = Files.createTempDirectory("cubekvm-start.");
        try (var files = Files.walk(primed)) {
            for (Path file : files.toList()) {
                Path relative = primed.relativize(file);
                String name = relative.toString();
                if (name.isEmpty() || relative.startsWith("felix-cache") || name.endsWith(".pid") || name.endsWith(".log")) {
                    continue;
                }
                if (Files.isDirectory(file)) {
                    Files.createDirectories(data.resolve(relative));
                } else {
                    Files.copy(file, data.resolve(relative), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return data;
    }
}
