package org.cubekvm.metrics.internal;

/**
 * Which Content-Type a scrape gets. The body is always the OpenMetrics 1.0.0 text: it is also
 * valid Prometheus 0.0.4 text (its {@code # UNIT} and {@code # EOF} lines are comments there), so
 * a client that asks only for {@code text/plain} gets the same body labelled as what it asked for.
 */
final class ExpositionFormat {
    static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
    /** Bound on the Accept header we look at. */
    private static final int MAX_ACCEPT = 1024;

    private ExpositionFormat() {
    }

    static String contentType(String accept) {
        if (accept == null || accept.isBlank()) {
            return OPENMETRICS;
        }
        String bounded = accept.length() > MAX_ACCEPT ? accept.substring(0, MAX_ACCEPT) : accept;
        String lower = bounded.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("application/openmetrics-text") || lower.contains("*/*")) {
            return OPENMETRICS;
        }
        return lower.contains("text/plain") ? PROMETHEUS : OPENMETRICS;
    }
}
