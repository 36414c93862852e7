package org.cubekvm.api.metrics;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Implemented by any bundle with figures to export; the metrics bundle calls every registered
 * contributor on each scrape. When a contributor's bundle stops, its figures leave with it.
 */
@ConsumerType
public interface MetricsContributor {
    /** Writes the current figures; called on a scrape thread, must be cheap and must not block. */
    void collect(MetricsWriter out);
}
