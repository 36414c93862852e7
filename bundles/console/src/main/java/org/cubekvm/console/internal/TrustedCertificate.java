package org.cubekvm.console.internal;

/** One element of {@code GET /api/platform/trust}; {@code builtIn} is the build's own certificate, which cannot be removed. */
record TrustedCertificate(String id, String subject, String sha256, String notAfter, boolean builtIn) {
}
