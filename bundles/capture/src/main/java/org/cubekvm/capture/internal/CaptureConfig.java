package org.cubekvm.capture.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Typed configuration of the capture service (PID org.cubekvm.capture); the defaults of docs/api.md. */
@ObjectClassDefinition(name = "CubeKVM video capture", description = "Video settings shared by every stream")
@interface CaptureConfig {
    @AttributeDefinition(description = "auto (the source's size) or WIDTHxHEIGHT")
    String resolution() default "auto";

    @AttributeDefinition(min = "1", max = "60")
    int fps() default 30;

    @AttributeDefinition(min = "10", max = "100")
    int mjpegQuality() default 80;

    @AttributeDefinition(min = "100", max = "20000")
    int h264BitrateKbps() default 4000;

    @AttributeDefinition(description = "frames between safety key frames; key frames also come on demand", min = "1", max = "600")
    int gop() default 300;

    @AttributeDefinition(description = "cbr or vbr")
    String rateControl() default "cbr";

    @AttributeDefinition(description = "how long an encoder keeps running after its last viewer left", min = "0")
    int lingerMillis() default 2000;

    @AttributeDefinition(description = "frames in each codec's ring (viewers holding a frame + 2)", min = "3", max = "64")
    int ringSlots() default 6;
}
