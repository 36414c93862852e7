package org.cubekvm.api.platform;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Implemented by any bundle that wants to report its health; the console collects every
 * registered contributor (whiteboard pattern).
 */
@ConsumerType
public interface HealthContributor {
    /** Current reports; called on demand, must be cheap and must not block. */
    List<Health> health();
}
