package org.cubekvm.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import org.cubekvm.api.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MqttSettingsTest {
    static MqttConfig config(String host, int port, String base, String prefix, String id, String role) {
        return new MqttConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return MqttConfig.class;
            }

            @Override
            public String host() {
                return host;
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public boolean tls() {
                return false;
            }

            @Override
            public String username() {
                return "";
            }

            @Override
            public String password() {
                return "";
            }

            @Override
            public String baseTopic() {
                return base;
            }

            @Override
            public String discoveryPrefix() {
                return prefix;
            }

            @Override
            public String deviceId() {
                return id;
            }

            @Override
            public String role() {
                return role;
            }

            @Override
            public int maxReconnectSeconds() {
                return 8;
            }
        };
    }

    @Test
    void offWithoutAHostAndTheDefaultsAreUsable() {
        MqttSettings settings = MqttSettings.of(config("", 1883, "cubekvm", "homeassistant", "kvm1", "operator"));
        assertFalse(settings.enabled());
        assertEquals(Role.OPERATOR, settings.role());
        MqttSettings on = MqttSettings.of(config("broker.lan", 8883, "cubekvm", "homeassistant", "kvm1", "viewer"));
        assertTrue(on.enabled());
        assertEquals("tcp://broker.lan:8883", on.serverUri());
        assertEquals(Role.VIEWER, on.role());
        assertEquals("cubekvm/kvm1/atx/power/set", Topics.of(on).powerCommand());
        assertEquals("tcp://[::1]:1883",
                MqttSettings.of(config("::1", 1883, "cubekvm", "homeassistant", "kvm1", "operator")).serverUri());
    }

    @ParameterizedTest(name = "{6}")
    @CsvSource({
        "broker, 0, cubekvm, homeassistant, kvm1, operator, port",
        "broker, 70000, cubekvm, homeassistant, kvm1, operator, port",
        "bro ker, 1883, cubekvm, homeassistant, kvm1, operator, host",
        "broker, 1883, cubekvm/#, homeassistant, kvm1, operator, baseTopic",
        "broker, 1883, cubekvm/+/x, homeassistant, kvm1, operator, baseTopic",
        "broker, 1883, /cubekvm, homeassistant, kvm1, operator, baseTopic",
        "broker, 1883, cubekvm, home//assistant, kvm1, operator, discoveryPrefix",
        "broker, 1883, cubekvm, homeassistant, kvm/1, operator, deviceId",
        "broker, 1883, cubekvm, homeassistant, kvm1, admin, role",
        "broker, 1883, cubekvm, homeassistant, kvm1, root, role",
    })
    void badValuesAreRefusedNamingTheValue(String host, int port, String base, String prefix, String id, String role,
            String named) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MqttSettings.of(config(host, port, base, prefix, id, role)));
        assertTrue(e.getMessage().startsWith(named), e.getMessage());
    }

    @Test
    void backoffDoublesUpToTheCapAndResets() {
        Backoff backoff = new Backoff(8);
        assertEquals(1000, backoff.next());
        assertEquals(2000, backoff.next());
        assertEquals(4000, backoff.next());
        assertEquals(8000, backoff.next());
        assertEquals(8000, backoff.next());
        backoff.reset();
        assertEquals(1000, backoff.next());
    }
}
