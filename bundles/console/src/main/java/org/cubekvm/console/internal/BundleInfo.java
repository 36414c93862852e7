package org.cubekvm.console.internal;

/** One element of {@code GET /api/platform/bundles}. */
record BundleInfo(long id, String symbolicName, String version, String state, boolean fragment, String vendor,
        String signer, boolean builtIn) {
}
