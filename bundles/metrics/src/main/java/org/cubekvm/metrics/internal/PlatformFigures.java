package org.cubekvm.metrics.internal;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cubekvm.api.metrics.MetricsWriter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** JVM memory and GC, process RSS, uptime, threads and the state of every bundle. */
final class PlatformFigures {
    private static final Path STATUS = Path.of("/proc/self/status");

    private PlatformFigures() {
    }

    static void write(MetricsWriter out, BundleContext context) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        String help = "JVM memory in use by area";
        out.gauge("cubekvm_jvm_memory_used_bytes", "bytes", help, heap.getUsed(), "area", "heap");
        out.gauge("cubekvm_jvm_memory_used_bytes", "bytes", help, nonHeap.getUsed(), "area", "nonheap");
        out.gauge("cubekvm_jvm_memory_committed_bytes", "bytes", "JVM memory reserved from the OS by area",
                heap.getCommitted(), "area", "heap");
        out.gauge("cubekvm_jvm_memory_committed_bytes", "bytes", "JVM memory reserved from the OS by area",
                nonHeap.getCommitted(), "area", "nonheap");
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            out.gauge("cubekvm_jvm_memory_pool_used_bytes", "bytes", "JVM memory in use by pool",
                    pool.getUsage().getUsed(), "pool", pool.getName());
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            out.counter("cubekvm_jvm_gc_collections", "", "Garbage collections by collector",
                    Math.max(0, gc.getCollectionCount()), "gc", gc.getName());
            out.counter("cubekvm_jvm_gc_pause_seconds", "seconds", "Time spent in garbage collection by collector",
                    Math.max(0, gc.getCollectionTime()) / 1000.0, "gc", gc.getName());
        }
        out.gauge("cubekvm_jvm_threads", "", "Live threads", ManagementFactory.getThreadMXBean().getThreadCount());
        out.gauge("cubekvm_process_resident_memory_bytes", "bytes", "Resident set size (VmRSS)",
                statusKibibytes("VmRSS:") * 1024.0);
        out.gauge("cubekvm_process_uptime_seconds", "seconds", "Time since the JVM started",
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        for (Bundle bundle : context.getBundles()) {
            out.gauge("cubekvm_bundle_active", "", "1 when the bundle is ACTIVE, 0 otherwise (state label)",
                    bundle.getState() == Bundle.ACTIVE ? 1 : 0, "bundle",
                    bundle.getSymbolicName() == null ? "bundle-" + bundle.getBundleId() : bundle.getSymbolicName(),
                    "state", stateName(bundle.getState()));
        }
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNKNOWN";
        };
    }

    /** A {@code /proc/self/status} figure in KiB, 0 where there is none (not Linux). */
    static long statusKibibytes(String prefix) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(prefix)) {
                    String digits = line.replaceAll("[^0-9]", "");
                    return digits.isEmpty() ? 0 : Long.parseLong(digits);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
