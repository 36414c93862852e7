package org.cubekvm.auth.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Typed configuration of PID {@code org.cubekvm.auth}; profile defaults in {@code config/<profile>/org.cubekvm.auth.cfg}. */
@ObjectClassDefinition(name = "CubeKVM authentication", description = "Password hashing, sessions, login rate limit, HTTPS")
@interface AuthConfig {
    @AttributeDefinition(name = "PBKDF2 iterations", description = "PBKDF2-HMAC-SHA256 iterations per password check;"
            + " chosen per device class so one check takes at least 50 ms (see docs/security.md)", min = "1000")
    int pbkdf2Iterations() default 25_000;

    @AttributeDefinition(name = "Session idle timeout (minutes)", min = "1")
    int sessionIdleMinutes() default 60;

    @AttributeDefinition(name = "Session absolute lifetime (hours)", min = "1")
    int sessionMaxHours() default 24;

    @AttributeDefinition(name = "Failed logins allowed per window", description = "per user name at one client address"
            + " (the same name from another address has its own count)", min = "1")
    int loginFailureLimit() default 5;

    @AttributeDefinition(name = "Failed logins allowed per window and address", description = "per client address,"
            + " whatever the user name", min = "1")
    int loginAddressFailureLimit() default 20;

    @AttributeDefinition(name = "Login failure window (seconds)", min = "1")
    int loginWindowSeconds() default 60;

    @AttributeDefinition(name = "Video streams per credential", description = "MJPEG and H.264 streams one session"
            + " or API token may have open at once (a page, a script and a benchmark)", min = "1")
    int videoStreamsPerCredential() default 10;

    @AttributeDefinition(name = "Video streams in total", description = "MJPEG and H.264 streams the device serves at"
            + " once, whoever opened them", min = "1")
    int videoStreamsTotal() default 24;

    @AttributeDefinition(name = "Redirect HTTP to HTTPS", description = "only when HTTPS is on (--https-port)")
    boolean redirectToHttps() default false;
}
