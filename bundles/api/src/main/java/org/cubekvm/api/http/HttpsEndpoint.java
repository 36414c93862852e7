package org.cubekvm.api.http;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Registered by the HTTP core once HTTPS serves (after Jetty's restart with the HTTPS connector),
 * or at once when HTTPS is off or could not be set up. A component that must not run before that
 * restart is over (the access guard) references it.
 */
@ProviderType
public interface HttpsEndpoint {
    /** The HTTPS port that serves, or 0 when HTTPS is off or failed (plain HTTP works either way). */
    int port();
}
