package com.example.cubekvm.jiggler.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Mouse jiggler", description = "Moves the mouse by one pixel and back, so the host does not lock its screen")
public @interface JigglerConfig {
    @AttributeDefinition(name = "Enabled", description = "Jiggle on a timer")
    boolean enabled() default false;

    @AttributeDefinition(name = "Interval (seconds)", description = "Time between two jiggles, 5 to 3600", min = "5", max = "3600")
    int intervalSeconds() default 60;
}
