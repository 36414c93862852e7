package org.cubekvm.atx.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Wake-on-LAN defaults (PID {@value WakeOnLan#PID}). */
@ObjectClassDefinition(name = "CubeKVM Wake-on-LAN", description = "Where magic packets go when a request does not say.")
@interface WolConfig {
    @AttributeDefinition(description = "IPv4 broadcast address magic packets are sent to (tests use 127.0.0.1).")
    String broadcast() default "255.255.255.255";

    @AttributeDefinition(description = "UDP port, 1..65535 (Wake-on-LAN uses 9 or 7).")
    int port() default 9;
}
