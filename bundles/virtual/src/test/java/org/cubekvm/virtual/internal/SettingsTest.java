package org.cubekvm.virtual.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Hashtable;
import org.cubekvm.api.rest.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

class SettingsTest {
    private static final MachineSettings DEFAULTS = new MachineSettings("en-US", Resolution.HD, true);

    static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    @Test
    void fieldsLeftOutKeepTheirValue() {
        assertEquals(new MachineSettings("de-DE", Resolution.HD, true), DEFAULTS.merge(json("{\"layout\":\"de-DE\"}"), Machine.LAYOUTS));
        assertEquals(new MachineSettings("en-US", Resolution.FULL_HD, true),
                DEFAULTS.merge(json("{\"resolution\":\"1920x1080\"}"), Machine.LAYOUTS));
        assertEquals(new MachineSettings("en-US", Resolution.HD, false), DEFAULTS.merge(json("{\"animate\":false}"), Machine.LAYOUTS));
        assertEquals(DEFAULTS, DEFAULTS.merge(json("{}"), Machine.LAYOUTS));
        assertEquals(new MachineSettings("fr-FR", Resolution.FULL_HD, false),
                DEFAULTS.merge(json("{\"layout\":\"fr-FR\",\"resolution\":\"1920x1080\",\"animate\":false}"), Machine.LAYOUTS));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"layout\":\"xx-XX\"}                | layout",
        "{\"layout\":7}                        | layout",
        "{\"layout\":null}                     | layout",
        "{\"layout\":[\"de-DE\"]}              | layout",
        "{\"resolution\":\"800x600\"}          | resolution",
        "{\"resolution\":1080}                 | resolution",
        "{\"animate\":\"yes\"}                 | animate",
        "{\"animate\":1}                       | animate",
        "{\"animate\":\"true\"}                | animate",
        "{\"layout\":\"de-DE\",\"speed\":3}    | speed",
        "{\"layout\":\"de-DE\",\"animate\":0}  | animate"})
    void badValuesAreRefusedNamingTheField(String body, String field) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DEFAULTS.merge(json(body), Machine.LAYOUTS));
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }

    @Test
    void badConfigurationFailsActivationNamingTheValue() {
        IllegalArgumentException resolution = assertThrows(IllegalArgumentException.class,
                () -> MachineSettings.configuredResolution(settings("en-US", "640x480", true)));
        assertTrue(resolution.getMessage().contains("640x480") && resolution.getMessage().contains(MachineSettings.PID),
                resolution.getMessage());
        IllegalArgumentException layout = assertThrows(IllegalArgumentException.class,
                () -> MachineSettings.configuredLayout(Machine.LAYOUTS, settings("qwerty", "1280x720", true)));
        assertTrue(layout.getMessage().contains("'qwerty'"), layout.getMessage());
    }

    /** ConfigurationAdmin with one configuration, recording what was stored. */
    static final class Store {
        Dictionary<String, Object> properties;
        int updates;

        ConfigurationAdmin admin() {
            Configuration configuration = (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Configuration.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getProperties" -> properties;
                        case "updateIfDifferent", "update" -> {
                            @SuppressWarnings("unchecked")
                            Dictionary<String, Object> stored = (Dictionary<String, Object>) args[0];
                            properties = new Hashtable<>();
                            for (String key : java.util.Collections.list(stored.keys())) {
                                properties.put(key, stored.get(key));
                            }
                            updates++;
                            yield method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                        }
                        case "getPid" -> MachineSettings.PID;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getConfiguration") && MachineSettings.PID.equals(args[0])) {
                            return configuration;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    @Test
    void putMergesValidatesPersistsAndAppliesLive() {
        Machine machine = new Machine("en-US", Resolution.HD, true);
        Store store = new Store();
        VirtualResource resource = new VirtualResource(machine.screen, machine.hid, machine.power, store.admin(), Machine.LAYOUTS);
        resource.drive = new VirtualDrive(machine.screen);

        SettingsBody answer = resource.update(json("{\"layout\":\"de-DE\",\"animate\":false}"));
        assertEquals(new SettingsBody("de-DE", "1280x720", false), answer);
        assertEquals("de-DE", store.properties.get("layout"));
        assertEquals("1280x720", store.properties.get("resolution"));
        assertEquals(Boolean.FALSE, store.properties.get("animate"));
        assertEquals("de-DE", machine.hid.layoutId(), "applied at once");
        assertEquals("de-DE", resource.state().layout());
        assertEquals(answer, resource.settings());

        ApiException refused = assertThrows(ApiException.class, () -> resource.update(json("{\"resolution\":\"1920x1080\",\"layout\":\"xx\"}")));
        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().contains("layout"), refused.getMessage());
        assertEquals(1, store.updates, "a refused change stores nothing");
        assertEquals(Resolution.HD, machine.screen.resolution(), "and applies nothing");

        resource.update(json("{\"resolution\":\"1920x1080\"}"));
        assertEquals("1920x1080", store.properties.get("resolution"));
        assertEquals("de-DE", store.properties.get("layout"), "merge keeps the other fields");
        assertEquals(Resolution.FULL_HD, machine.screen.resolution());
    }

    @Test
    void stateReportsWhatTheMachineSaw() {
        Machine machine = new Machine("en-US", Resolution.HD, false);
        VirtualResource resource = new VirtualResource(machine.screen, machine.hid, machine.power, new Store().admin(),
                Machine.LAYOUTS);
        resource.drive = new VirtualDrive(machine.screen);
        machine.type("hi\n");
        machine.tap(0, UsbKeyboardHost.CAPS_LOCK);
        machine.hid.mouseAbsolute(1, 8192, 24575, 0);
        VirtualState state = resource.state();
        assertEquals("hi\n", state.typed());
        assertEquals(0.25, state.pointer().x(), 0.01);
        assertEquals(0.75, state.pointer().y(), 0.01);
        assertEquals(1, state.buttons());
        assertEquals(new VirtualState.Leds(false, true, false), state.leds());
        assertEquals("en-US", state.layout());
        assertTrue(state.power());
        assertNull(state.media());
        machine.power.pressPower();
        assertEquals(false, resource.state().power());
    }

    static VirtualSettings settings(String layout, String resolution, boolean animate) {
        return new VirtualSettings() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return VirtualSettings.class;
            }

            @Override
            public String layout() {
                return layout;
            }

            @Override
            public String resolution() {
                return resolution;
            }

            @Override
            public boolean animate() {
                return animate;
            }
        };
    }
}
