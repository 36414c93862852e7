package org.cubekvm.mqtt.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Typed configuration of the MQTT bridge (PID org.cubekvm.mqtt); off until {@code host} is set. */
@ObjectClassDefinition(name = "CubeKVM MQTT", description = "Home Assistant discovery, state and commands over an MQTT broker")
@interface MqttConfig {
    @AttributeDefinition(description = "broker host name or address; empty: MQTT is off")
    String host() default "";

    @AttributeDefinition(min = "1", max = "65535")
    int port() default 1883;

    @AttributeDefinition(description = "TLS to the broker (the JVM's trust store)")
    boolean tls() default false;

    String username() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(description = "topics of this device are <baseTopic>/<deviceId>/…")
    String baseTopic() default "cubekvm";

    @AttributeDefinition(description = "Home Assistant discovery prefix")
    String discoveryPrefix() default "homeassistant";

    @AttributeDefinition(description = "this device's id in topics and in Home Assistant; empty: the host name")
    String deviceId() default "";

    @AttributeDefinition(description = "what commands over MQTT may do: operator (power, reset) or viewer (read-only)")
    String role() default "operator";

    @AttributeDefinition(description = "longest wait between reconnection attempts", min = "1", max = "300")
    int maxReconnectSeconds() default 8;
}
