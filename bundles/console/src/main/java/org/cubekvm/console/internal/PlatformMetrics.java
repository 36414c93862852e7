package org.cubekvm.console.internal;

/**
 * Body of {@code GET /api/platform/metrics}: what the memory and load benchmarks read.
 *
 * @param uptimeMillis       since the JVM started
 * @param heapUsedBytes      live + garbage in the heap now
 * @param heapCommittedBytes heap reserved from the OS
 * @param metaspaceUsedBytes class metadata
 * @param directUsedBytes    direct ByteBuffers (frame rings, raw frames)
 * @param classesLoaded      currently loaded classes
 * @param threads            live threads
 * @param gcCount            collections since start, all collectors
 * @param gcPauseMillis      time spent in them
 * @param fullGcCount        collections of the old generation
 * @param allocatedBytes     bytes allocated in the heap since start by all threads (approximate)
 * @param rssBytes           VmRSS
 * @param rssAnonBytes       RssAnon: what the device cannot page out
 */
record PlatformMetrics(long uptimeMillis, long heapUsedBytes, long heapCommittedBytes, long metaspaceUsedBytes,
        long directUsedBytes, int classesLoaded, int threads, long gcCount, long gcPauseMillis, long fullGcCount,
        long allocatedBytes, long rssBytes, long rssAnonBytes) {
}
