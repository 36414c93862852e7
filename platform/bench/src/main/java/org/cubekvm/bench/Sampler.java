package org.cubekvm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reads VmRSS, RssAnon and Threads of a process from /proc every 200 ms, from outside the JVM. */
final class Sampler implements Runnable {
    private record Sample(long nanos, long rss, long anon) {
    }

    private final Path status;
    private final Thread thread = new Thread(this, "bench-sampler");
    private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stop;
    private volatile boolean inWindow;
    private volatile int swapMark;
    volatile long peakRss;
    volatile long peakAnon;
    volatile long peakRssWindow;
    volatile long peakAnonWindow;
    volatile long lastRss;
    volatile int peakThreads;
    volatile int lastThreads;

    Sampler(long pid) {
        this.status = Path.of("/proc", Long.toString(pid), "status");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() throws InterruptedException {
        stop = true;
        thread.join(2000);
    }

    void markWindow() {
        inWindow = true;
    }

    void markSwap() {
        swapMark = samples.size();
    }

    /** Median of the samples of the last {@code seconds}. */
    long steady(boolean rss, int seconds) {
        long since = System.nanoTime() - seconds * 1_000_000_000L;
        synchronized (samples) {
            return median(samples.stream().filter(s -> s.nanos() >= since).map(s -> rss ? s.rss() : s.anon()).toList());
        }
    }

    /** Median of the samples since the last {@link #markSwap()}. */
    long steadySinceSwapMark(boolean rss) {
        synchronized (samples) {
            return median(samples.subList(swapMark, samples.size()).stream().map(s -> rss ? s.rss() : s.anon()).toList());
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    @Override
    public void run() {
        while (!stop) {
            try {
                long rss = 0;
                long anon = 0;
                int threads = 0;
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        rss = kib(line);
                    } else if (line.startsWith("RssAnon:")) {
                        anon = kib(line);
                    } else if (line.startsWith("Threads:")) {
                        threads = Integer.parseInt(line.substring(8).trim());
                    }
                }
                samples.add(new Sample(System.nanoTime(), rss, anon));
                lastRss = rss;
                lastThreads = threads;
                peakRss = Math.max(peakRss, rss);
                peakAnon = Math.max(peakAnon, anon);
                peakThreads = Math.max(peakThreads, threads);
                if (inWindow) {
                    peakRssWindow = Math.max(peakRssWindow, rss);
                    peakAnonWindow = Math.max(peakAnonWindow, anon);
                }
                Thread.sleep(200);
            } catch (IOException e) {
                return; // the process is gone
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
    }
}
