package org.cubekvm.auth.internal;

/**
 * Registered by {@link HttpsSetup} once HTTPS is serving (or known to be off), so the request
 * guard, and with it every protected endpoint, appears only after Jetty's restart for HTTPS is
 * over.
 *
 * @param port the HTTPS port, 0 when HTTPS is off
 */
record HttpsReady(int port) {
}
