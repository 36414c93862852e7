package org.cubekvm.http.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.cubekvm.http}: the connection and request budget of the web server (docs/security.md). */
@ObjectClassDefinition(name = "CubeKVM HTTP limits", description = "Timeouts, connection caps and the trusted reverse proxy")
@interface HttpLimitsConfig {
    @AttributeDefinition(description = "A connection must send a complete request header within this many seconds (1..300)")
    int headerTimeoutSeconds() default 10;

    @AttributeDefinition(description = "A request body must arrive in full within this many seconds (1..600)")
    int bodyTimeoutSeconds() default 10;

    @AttributeDefinition(description = "A connection with no traffic either way is closed after this many seconds (5..3600)")
    int idleTimeoutSeconds() default 30;

    @AttributeDefinition(description = "Open connections from one client address (1..1000); more are closed at once")
    int maxConnectionsPerAddress() default 32;

    @AttributeDefinition(description = "Open connections in all (1..10000); more are closed at once")
    int maxConnections() default 128;

    @AttributeDefinition(description = "Largest request line and headers, in bytes (1024..65536); larger is 431")
    int requestHeaderBytes() default 8192;

    @AttributeDefinition(description = "Bytes of small request bodies (at most 16 KiB each) buffered at once")
    int smallBodyBufferBytes() default 512 * 1024;

    @AttributeDefinition(description = "Bytes of large request bodies (pastes, certificates) buffered at once")
    int largeBodyBufferBytes() default 512 * 1024;

    @AttributeDefinition(description = "Addresses of reverse proxies whose X-Forwarded-For names the client (empty: none,"
            + " forwarded headers are ignored)")
    String[] trustedProxies() default {};
}
