package org.cubekvm.virtual.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Wake-on-LAN of the virtual machine (PID {@value VirtualWakeOnLan#PID}). */
@ObjectClassDefinition(name = "Virtual machine Wake-on-LAN",
        description = "The virtual machine's network card: a magic packet for its MAC on this UDP port of 127.0.0.1 starts it.")
public @interface VirtualWolSettings {
    @AttributeDefinition(description = "The virtual machine's MAC address.")
    String mac() default "52:54:00:c0:be:01";

    @AttributeDefinition(description = "UDP port on 127.0.0.1 it listens on for magic packets, 1024..65535; 0 turns it off.")
    int port() default 40009;
}
