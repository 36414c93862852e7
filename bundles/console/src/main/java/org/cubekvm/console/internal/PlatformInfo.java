package org.cubekvm.console.internal;

/** Body of {@code GET /api/platform/info}. */
record PlatformInfo(String version, String profile, long uptimeSeconds, long heapUsedBytes, long rssBytes) {
}
