package org.cubekvm.mjpeg.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Typed configuration of the MJPEG stream (PID org.cubekvm.mjpeg); see docs/video.md "Slow links". */
@ObjectClassDefinition(name = "CubeKVM MJPEG stream", description = "How much of an MJPEG viewer's stream may wait in the kernel")
@interface MjpegConfig {
    /** The bounds {@link MjpegStreamServlet} enforces. */
    int MIN_SEND_BUFFER = 4096;
    int MAX_SEND_BUFFER = 1024 * 1024;
    int MIN_SEND_QUEUE = 1024;
    int MAX_SEND_QUEUE = 1024 * 1024;

    @AttributeDefinition(description = "SO_SNDBUF of each MJPEG viewer's socket (Linux doubles it); 0 keeps the"
            + " connector's buffer. Small keeps about one frame in flight on a slow link", min = "0", max = "1048576")
    int sendBufferBytes() default 16 * 1024;

    @AttributeDefinition(description = "A viewer takes its next frame only once its socket holds at most this many bytes the"
            + " client has not acknowledged (read through the native bundle; at most sendQueueMaxWaitMillis after the"
            + " previous frame). 0 takes it as soon as the socket accepts bytes", min = "0", max = "1048576")
    int sendQueueBytes() default 16 * 1024;

    @AttributeDefinition(description = "The longest a viewer waits for its socket to drain before it takes the next frame anyway",
            min = "10", max = "10000")
    int sendQueueMaxWaitMillis() default 1000;
}
