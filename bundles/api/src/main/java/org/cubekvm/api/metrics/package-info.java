/**
 * Metrics for {@code GET /metrics} (OpenMetrics): bundles register a {@link
 * org.cubekvm.api.metrics.MetricsContributor} (whiteboard pattern) and write their figures to the
 * {@link org.cubekvm.api.metrics.MetricsWriter} the metrics bundle hands them on each scrape.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.cubekvm.api.metrics;
