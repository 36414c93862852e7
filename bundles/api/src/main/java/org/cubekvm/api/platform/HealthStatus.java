package org.cubekvm.api.platform;

/** Severity of a health report, as shown by {@code GET /api/platform/health}. */
public enum HealthStatus {
    OK, WARN, CRITICAL
}
