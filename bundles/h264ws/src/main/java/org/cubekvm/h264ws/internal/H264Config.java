package org.cubekvm.h264ws.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Typed configuration of the H.264 WebSocket stream (PID org.cubekvm.h264ws); docs/video.md "Slow links". */
@ObjectClassDefinition(name = "CubeKVM H.264 WebSocket stream", description = "Slow-link behaviour of H.264 viewers")
@interface H264Config {
    @AttributeDefinition(description = "the shared encoder's bitrate follows the slowest watching viewer's link"
            + " (never above the video setting); false: always the video setting")
    boolean adaptiveBitrate() default true;

    @AttributeDefinition(description = "the lowest bitrate a slow viewer may pull the encoder down to, kbit/s;"
            + " a slower viewer skips frames instead", min = "100", max = "20000")
    int minBitrateKbps() default 500;

    @AttributeDefinition(description = "the highest limit a viewer reports, kbit/s", min = "100", max = "20000")
    int maxBitrateKbps() default 20000;

    @AttributeDefinition(description = "SO_SNDBUF of each H.264 viewer's socket (Linux doubles it); 0 keeps the"
            + " connector's buffer", min = "0", max = "1048576")
    int sendBufferBytes() default 16 * 1024;
}
