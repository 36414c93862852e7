package org.cubekvm.api.metrics;

/**
 * The buckets of a histogram at one moment.
 *
 * @param upperBounds  inclusive upper bound of each bucket, increasing (the {@code +Inf} bucket is
 *                     implied: it is {@code count})
 * @param bucketCounts observations per bucket, not cumulative, same length as {@code upperBounds}
 * @param count        all observations, including those above the last bound
 * @param sum          the sum of all observations, in the family's unit
 */
public record HistogramSnapshot(double[] upperBounds, long[] bucketCounts, long count, double sum) {
    public HistogramSnapshot {
        if (upperBounds.length != bucketCounts.length) {
            throw new IllegalArgumentException("Histogram has " + upperBounds.length + " bounds but "
                    + bucketCounts.length + " bucket counts; they must be equal");
        }
    }
}
