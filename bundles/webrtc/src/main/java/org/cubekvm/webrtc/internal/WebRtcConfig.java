package org.cubekvm.webrtc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Typed configuration of the WebRTC transport (PID org.cubekvm.webrtc). */
@ObjectClassDefinition(name = "CubeKVM WebRTC", description = "WHEP egress over ICE-lite on one UDP port")
@interface WebRtcConfig {
    @AttributeDefinition(description = "the UDP port every session shares (0: any free port)", min = "0", max = "65535")
    int udpPort() default 8189;

    @AttributeDefinition(description = "comma-separated IP addresses to announce as host candidates; empty: the"
            + " address the HTTP server is bound to, or every non-loopback address when it is bound to all")
    String candidates() default "";

    @AttributeDefinition(description = "sessions at the same time", min = "1", max = "16")
    int maxSessions() default 4;
}
