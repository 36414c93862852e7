package org.cubekvm.common.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cubekvm.api.metrics.HistogramSnapshot;
import org.junit.jupiter.api.Test;

/** Each observation lands in the first bucket whose bound holds it; the snapshot is in seconds and a copy. */
class LatencyBucketsTest {
    @Test
    void observationsLandInTheirBucketsAndTheSnapshotIsInSeconds() {
        LatencyBuckets buckets = new LatencyBuckets();
        buckets.observe(-5);          // clamped to 0: first bucket (<= 1 ms)
        buckets.observe(1_000);       // exactly on the 1 ms bound
        buckets.observe(1_001);       // next bucket (<= 2.5 ms)
        buckets.observe(40_000);      // <= 50 ms
        buckets.observe(5_000_000);   // beyond 1 s: counted in count and sum only
        HistogramSnapshot snapshot = buckets.snapshot();
        assertEquals(0.001, snapshot.upperBounds()[0], 1e-12);
        assertEquals(1.0, snapshot.upperBounds()[snapshot.upperBounds().length - 1], 1e-12);
        assertArrayEquals(new long[] {2, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0}, snapshot.bucketCounts());
        assertEquals(5, snapshot.count());
        assertEquals((0 + 1_000 + 1_001 + 40_000 + 5_000_000) / 1e6, snapshot.sum(), 1e-9);

        buckets.observe(1);
        assertEquals(2, snapshot.bucketCounts()[0], "a snapshot does not change afterwards");
    }
}
