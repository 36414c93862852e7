package org.cubekvm.hid.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.cubekvm.api.hid.UsbBootProtocol;
import org.cubekvm.api.rest.ApiException;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@code GET/PUT /api/hid/settings} {@code bootProtocol} ("BIOS mode") through the resource: with
 * a USB gadget present it is stored there (the gadget rebuilds itself; its side is
 * {@code usbgadget}'s {@code BootProtocolRebuildTest}) and read back from there; a refusal by the
 * gadget is a 409 that stores nothing; without a gadget (PC) it is only stored here.
 */
class BootProtocolSettingTest {
    private final List<Dictionary<String, Object>> stored = new ArrayList<>();

    /** The gadget's BIOS mode: {@code set} stores at once (the real one rebuilds asynchronously). */
    private static final class FakeUsb implements UsbBootProtocol {
        boolean enabled;
        boolean forced;
        final List<Boolean> sets = new ArrayList<>();

        @Override
        public boolean enabled() {
            return enabled || forced;
        }

        @Override
        public boolean forcedByFlag() {
            return forced;
        }

        @Override
        public void set(boolean value) {
            if (!value && forced) {
                throw new IllegalStateException("BIOS mode is forced on by the flag file /boot/BIOS");
            }
            sets.add(value);
            enabled = value;
        }
    }

    private HidHub hub() {
        HidHub hub = new HidHub();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("bootProtocol", false);
        properties.put("mouse", "absolute");
        properties.put("jiggler", false);
        properties.put("layout", "en-US");
        hub.activate(config(false));
        Configuration configuration = (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Configuration.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperties" -> properties;
                    case "updateIfDifferent" -> {
                        @SuppressWarnings("unchecked")
                        Dictionary<String, Object> d = (Dictionary<String, Object>) args[0];
                        stored.add(d);
                        yield true;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        hub.bindConfigurationAdmin((ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConfiguration")) {
                        return configuration;
                    }
                    throw new UnsupportedOperationException(method.getName());
                }));
        return hub;
    }

    private static HidHub.Config config(boolean bootProtocol) {
        return (HidHub.Config) Proxy.newProxyInstance(BootProtocolSettingTest.class.getClassLoader(),
                new Class<?>[] {HidHub.Config.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "mouse" -> HidSettings.ABSOLUTE;
                    case "jiggler" -> false;
                    case "bootProtocol" -> bootProtocol;
                    case "layout" -> HidSettings.DEFAULT_LAYOUT;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static HidResource resource(HidHub hub) throws ReflectiveOperationException {
        HidResource resource = new HidResource();
        Field field = HidResource.class.getDeclaredField("hub");
        field.setAccessible(true);
        field.set(resource, hub);
        return resource;
    }

    @Test
    void withAGadgetTheSettingIsStoredThereAndReadFromThere() throws Exception {
        HidHub hub = hub();
        FakeUsb usb = new FakeUsb();
        hub.bindUsbBootProtocol(usb);
        HidResource rest = resource(hub);
        assertFalse(rest.settings().bootProtocol());

        HidSettings answer = rest.updateSettings(new HidSettings(null, null, true, null));
        assertTrue(answer.bootProtocol());
        assertEquals(List.of(true), usb.sets, "the gadget was told once");
        assertTrue(rest.settings().bootProtocol());

        usb.enabled = false; // e.g. changed through PUT /api/usb: the gadget's value is what GET shows
        assertFalse(rest.settings().bootProtocol());

        rest.updateSettings(new HidSettings(HidSettings.RELATIVE, null, null, null));
        assertEquals(List.of(true), usb.sets, "a change without bootProtocol leaves the gadget alone");
    }

    @Test
    void aRefusalOfTheGadgetIs409AndStoresNothing() throws Exception {
        HidHub hub = hub();
        FakeUsb usb = new FakeUsb();
        usb.forced = true;
        hub.bindUsbBootProtocol(usb);
        HidResource rest = resource(hub);
        assertTrue(rest.settings().bootProtocol(), "the flag file shows");
        ApiException e = assertThrows(ApiException.class,
                () -> rest.updateSettings(new HidSettings(HidSettings.RELATIVE, null, false, null)));
        assertEquals(409, e.status());
        assertEquals("forced_by_flag", e.code());
        assertTrue(stored.isEmpty(), "nothing stored");
        assertEquals(HidSettings.ABSOLUTE, rest.settings().mouse(), "the other fields of the refused change did not apply");
    }

    @Test
    void withoutAGadgetTheSettingIsOnlyStoredHere() throws Exception {
        HidHub hub = hub();
        HidResource rest = resource(hub);
        rest.updateSettings(new HidSettings(null, null, true, null));
        assertEquals(Boolean.TRUE, stored.get(0).get("bootProtocol"));
        assertTrue(rest.settings().bootProtocol());
        hub.unbindUsbBootProtocol(new FakeUsb());
        assertTrue(rest.settings().bootProtocol());
    }
}
