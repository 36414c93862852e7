package org.cubekvm.bench;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real HTTP viewers against a running platform. For 1, 4 and 16 viewers: frames delivered,
 * fps per viewer, and the server's heap allocation per delivered frame (the real write path
 * through Jetty), which must not grow with the number of viewers. Then the slow-viewer
 * scenario: two viewers, one stops reading for 5 s; the other's fps during the pause and the
 * seq of the first frame the slow one gets afterwards against the newest seq at that moment.
 * <p>
 * Usage: {@code MjpegLoad http://127.0.0.1:PORT seconds out.json}
 */
public final class MjpegLoad {
    private MjpegLoad() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int seconds = Integer.parseInt(args[1]);
        Path output = Path.of(args[2]);
        URIParts uri = URIParts.of(base);
        PlatformClient platform = new PlatformClient(base);
        Map<String, Object> results = new LinkedHashMap<>();

        // Warm-up: start the encoder and let C1 compile the write path.
        run(uri, platform, 2, 3);
        double idleAllocPerSecond = idleAllocation(platform, seconds);
        results.put("idleAllocatedBytesPerSecond", idleAllocPerSecond);
        System.out.printf("%-8s %10s %10s %14s %18s%n", "viewers", "frames", "fps/viewer", "alloc B/frame", "net alloc B/frame");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int viewers : new int[] {1, 4, 16}) {
            Map<String, Object> row = run(uri, platform, viewers, seconds);
            double net = ((double) (long) row.get("allocatedBytes") - idleAllocPerSecond * seconds) / (long) row.get("frames");
            row.put("netAllocatedBytesPerFrame", net);
            rows.add(row);
            System.out.printf("%-8d %10d %10.1f %14.0f %18.0f%n", viewers, row.get("frames"), row.get("fpsPerViewer"),
                    row.get("allocatedBytesPerFrame"), net);
        }
        results.put("viewers", rows);
        Map<String, Object> slow = slowViewer(uri, platform);
        results.put("slowViewer", slow);
        System.out.printf("slow viewer: the other kept %.1f fps during the 5 s pause. The slow one (last seq %d before the"
                + " pause) then read %d frame(s) already underway and next seq %d; the newest seq at resume was %d%n"
                + "  seqs read after the pause: %s%n", slow.get("otherFpsDuringPause"), slow.get("lastSeqBeforePause"),
                slow.get("framesAlreadyUnderwayWhenPaused"), slow.get("firstSeqWrittenAfterPause"),
                slow.get("newestSeqAtResume"), slow.get("seqsReadAfterPause"));
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, new GsonBuilder().setPrettyPrinting().create().toJson(results));
        System.out.println("written " + output);
    }

    private static double idleAllocation(PlatformClient platform, int seconds) throws Exception {
        long before = platform.metric("allocatedBytes");
        Thread.sleep(seconds * 1000L);
        return (platform.metric("allocatedBytes") - before) / (double) seconds;
    }

    private static Map<String, Object> run(URIParts uri, PlatformClient platform, int viewers, int seconds) throws Exception {
        List<MjpegClient> clients = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < viewers; i++) {
            MjpegClient client = new MjpegClient(uri.host(), uri.port(), "/api/stream/mjpeg");
            clients.add(client);
            Thread thread = new Thread(client, "bench-viewer-" + i);
            threads.add(thread);
            thread.start();
        }
        Thread.sleep(1000); // everyone connected and streaming
        long framesBefore = clients.stream().mapToLong(c -> c.frames).sum();
        long allocBefore = platform.metric("allocatedBytes");
        Thread.sleep(seconds * 1000L);
        long allocAfter = platform.metric("allocatedBytes");
        long frames = clients.stream().mapToLong(c -> c.frames).sum() - framesBefore;
        clients.forEach(MjpegClient::stop);
        for (Thread thread : threads) {
            thread.join(15_000);
        }
        for (MjpegClient client : clients) {
            if (client.failure != null) {
                throw new IOException("a viewer failed: " + client.failure);
            }
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("viewers", viewers);
        row.put("seconds", seconds);
        row.put("frames", frames);
        row.put("fpsPerViewer", frames / (double) seconds / viewers);
        row.put("allocatedBytes", allocAfter - allocBefore);
        row.put("allocatedBytesPerFrame", frames == 0 ? 0.0 : (allocAfter - allocBefore) / (double) frames);
        return row;
    }

    private static Map<String, Object> slowViewer(URIParts uri, PlatformClient platform) throws Exception {
        MjpegClient fast = new MjpegClient(uri.host(), uri.port(), "/api/stream/mjpeg");
        MjpegClient slow = new MjpegClient(uri.host(), uri.port(), "/api/stream/mjpeg");
        Thread fastThread = new Thread(fast, "bench-fast");
        Thread slowThread = new Thread(slow, "bench-slow");
        fastThread.start();
        slowThread.start();
        Thread.sleep(1500);
        slow.pause(true);
        long fastBefore = fast.frames;
        Thread.sleep(5000);
        double otherFps = (fast.frames - fastBefore) / 5.0;
        long newestAtResume = fast.lastSeq;
        slow.pause(false);
        Thread.sleep(1000);
        fast.stop();
        slow.stop();
        fastThread.join(15_000);
        slowThread.join(15_000);
        // What the slow one reads after resuming: frames already on their way when it paused (in
        // the kernel's socket buffers, or the one Jetty was writing), then the first frame the server
        // wrote after the pause, which must be the newest one at that moment.
        List<Long> seqs = List.copyOf(slow.seqsAfterPause);
        long previous = slow.lastSeqBeforePause;
        int buffered = 0;
        long firstWritten = -1;
        for (long seq : seqs) {
            if (seq != previous + 1) {
                firstWritten = seq;
                break;
            }
            buffered++;
            previous = seq;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("otherFpsDuringPause", otherFps);
        result.put("lastSeqBeforePause", slow.lastSeqBeforePause);
        result.put("seqsReadAfterPause", seqs);
        result.put("framesAlreadyUnderwayWhenPaused", buffered);
        result.put("firstSeqWrittenAfterPause", firstWritten);
        result.put("newestSeqAtResume", newestAtResume);
        result.put("slowViewerFailure", slow.failure);
        return result;
    }

    record URIParts(String host, int port) {
        static URIParts of(String base) {
            java.net.URI uri = java.net.URI.create(base);
            return new URIParts(uri.getHost(), uri.getPort());
        }
    }
}
