package org.cubekvm.api.metrics;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Receives the samples of one scrape. Names follow the OpenMetrics conventions: lower-case
 * {@code cubekvm_…} family names in base units that end with the unit ({@code _seconds},
 * {@code _bytes}); a counter's family name has no {@code _total} (the writer appends it). Samples
 * of the same family from several contributors are grouped (e.g. frames sent per {@code mode}),
 * as long as they agree on type, unit and help.
 *
 * <p>{@code labels} are name/value pairs: {@code "mode", "mjpeg"}. Label names match
 * {@code [a-zA-Z_][a-zA-Z0-9_]*}; values are escaped by the writer.
 */
@ProviderType
public interface MetricsWriter {
    /** A monotonically increasing count since the contributor started. */
    void counter(String name, String unit, String help, double value, String... labels);

    /** A value that goes up and down. */
    void gauge(String name, String unit, String help, double value, String... labels);

    /** A distribution of observations, e.g. latencies in seconds. */
    void histogram(String name, String unit, String help, HistogramSnapshot histogram, String... labels);
}
