package org.cubekvm.virtual.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Typed configuration of the virtual machine (PID {@value MachineSettings#PID}). */
@ObjectClassDefinition(name = "Virtual machine",
        description = "The virtual target machine of the PC profile: its keyboard layout, screen size and frame counter.")
public @interface VirtualSettings {
    @AttributeDefinition(name = "Keyboard layout",
            description = "How the virtual machine turns key codes back into characters: en-US, en-GB, de-DE, fr-FR.")
    String layout() default "en-US";

    @AttributeDefinition(name = "Resolution", options = {
        @Option(label = "1280x720", value = "1280x720"), @Option(label = "1920x1080", value = "1920x1080")})
    String resolution() default "1280x720";

    @AttributeDefinition(name = "Animate",
            description = "Keep a frame counter moving so every capture tick differs; off, a static screen produces no new frames.")
    boolean animate() default true;
}
