package org.cubekvm.atx.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The device's ATX lines (PID {@code org.cubekvm.atx.target}; required: only the device profile has one). */
@ObjectClassDefinition(name = "CubeKVM ATX GPIO", description = "Which GPIO lines are the target's buttons and LEDs.")
@interface GpioAtxConfig {
    @AttributeDefinition(description = "File naming the board (alpha, beta, pcie, atx, pro); its pin table is used.")
    String hardwareFile() default "/etc/kvm/hw";

    @AttributeDefinition(description = "Power button GPIO number; -1 = from the board table.")
    int powerPin() default -1;

    @AttributeDefinition(description = "Reset button GPIO number; -1 = from the board table.")
    int resetPin() default -1;

    @AttributeDefinition(description = "Power LED GPIO number; -1 = from the board table.")
    int powerLedPin() default -1;

    @AttributeDefinition(description = "HDD LED GPIO number; -1 = from the board table (none on beta/pcie).")
    int hddLedPin() default -1;

    @AttributeDefinition(description = "sysfs GPIO directory (the fallback interface).")
    String sysfsRoot() default "/sys/class/gpio";

    @AttributeDefinition(description = "How often the LED inputs are read, in milliseconds (20..2000).")
    int ledPollMillis() default 100;
}
