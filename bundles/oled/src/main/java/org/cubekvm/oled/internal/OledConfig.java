package org.cubekvm.oled.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The OLED status display (PID {@value OledService#PID}). */
@ObjectClassDefinition(name = "CubeKVM OLED", description = "The status display: on/off, sleep and page cycling.")
@interface OledConfig {
    @AttributeDefinition(description = "Show status pages (false: the panel stays dark).")
    boolean enabled() default true;

    @AttributeDefinition(description = "Seconds without a status change before the panel sleeps; 0 = never (0..86400).")
    int sleepAfterSeconds() default 60;

    @AttributeDefinition(description = "Seconds each page is shown (1..60).")
    int cycleSeconds() default 5;

    @AttributeDefinition(description = "I2C bus of the panel: /dev/i2c-N; auto = the board's (from hardwareFile); "
            + "empty: no physical panel, frame.png only.")
    String i2cBus() default "";

    @AttributeDefinition(description = "The panel's 7-bit I2C address; -1 = the board's (auto) or 0x3C.")
    int i2cAddress() default -1;

    @AttributeDefinition(description = "File naming the hardware version (alpha, beta, pcie, atx, pro) for i2cBus=auto.")
    String hardwareFile() default "/etc/kvm/hw";
}
