package org.cubekvm.media.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Typed configuration of the image store (PID {@code org.cubekvm.media}). A framework or system
 * property {@code cubekvm.media.<attribute>} overrides the configured value (installers, tests).
 */
@ObjectClassDefinition(name = "CubeKVM virtual media", description = "Limits of the image store under <data>/images")
@interface MediaConfig {
    @AttributeDefinition(description = "Largest single image in bytes (a larger upload is 413 too_large)")
    long maxImageBytes() default 8L * 1024 * 1024 * 1024;

    @AttributeDefinition(description = "Most bytes all images together may use; 0 = only the free disk space limits it")
    long storeLimitBytes() default 0;

    @AttributeDefinition(description = "Bytes of the file system to always leave free (uploads stop before)")
    long reserveBytes() default 64L * 1024 * 1024;

    @AttributeDefinition(description = "Most bytes per second an upload or download is written with; 0 = as fast as it comes. "
            + "A ceiling leaves CPU (SHA-256, page-cache writeback) to video on a single core")
    long transferBytesPerSecond() default 0;

    @AttributeDefinition(description = "Seconds to connect to a download URL")
    int downloadConnectTimeoutSeconds() default 15;

    @AttributeDefinition(description = "Seconds a download may go without receiving a byte")
    int downloadIdleTimeoutSeconds() default 60;
}
