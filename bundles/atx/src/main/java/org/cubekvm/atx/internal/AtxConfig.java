package org.cubekvm.atx.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Timing of the ATX buttons (PID {@value AtxController#PID}). */
@ObjectClassDefinition(name = "CubeKVM ATX", description = "How long the power and reset buttons are held.")
@interface AtxConfig {
    @AttributeDefinition(description = "A press when no durationMs is given, in milliseconds (20..3000).")
    int pressMillis() default 200;

    @AttributeDefinition(description = "A hold (force off) when no durationMs is given, in milliseconds (1000..30000).")
    int holdMillis() default 5000;

    @AttributeDefinition(description = "The longest durationMs a request may ask for, in milliseconds (1000..30000).")
    int maxMillis() default 15000;
}
