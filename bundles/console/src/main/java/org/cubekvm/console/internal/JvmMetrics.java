package org.cubekvm.console.internal;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;

/** Reads {@link PlatformMetrics} from the JVM's management beans and {@code /proc/self/status}. */
final class JvmMetrics {
    private JvmMetrics() {
    }

    static PlatformMetrics read() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long metaspace = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if ("Metaspace".equals(pool.getName())) {
                metaspace = pool.getUsage().getUsed();
            }
        }
        long direct = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if ("direct".equals(pool.getName())) {
                direct = pool.getMemoryUsed();
            }
        }
        long gcCount = 0;
        long gcMillis = 0;
        long fullGcCount = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
            // SerialGC: "Copy" is young, "MarkSweepCompact" is full; G1: "G1 Old Generation".
            if (gc.getName().contains("MarkSweep") || gc.getName().contains("Old")) {
                fullGcCount += Math.max(0, gc.getCollectionCount());
            }
        }
        long allocated = 0;
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads) {
            allocated = threads.getTotalThreadAllocatedBytes();
        }
        return new PlatformMetrics(ManagementFactory.getRuntimeMXBean().getUptime(), heap.getUsed(), heap.getCommitted(),
                metaspace, direct, ManagementFactory.getClassLoadingMXBean().getLoadedClassCount(),
                ManagementFactory.getThreadMXBean().getThreadCount(), gcCount, gcMillis, fullGcCount, allocated,
                ProcessMemory.statusKibibytes("VmRSS:") * 1024, ProcessMemory.statusKibibytes("RssAnon:") * 1024);
    }
}
