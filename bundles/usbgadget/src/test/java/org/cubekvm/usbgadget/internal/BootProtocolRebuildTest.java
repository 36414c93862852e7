package org.cubekvm.usbgadget.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BIOS mode as {@code PUT /api/hid/settings} sets it ({@link GadgetBootProtocol#set}): the setting
 * is stored in the gadget's configuration and the gadget is rebuilt through its transaction on
 * the fake configfs. The store below does what Declarative Services does when the configuration
 * changes: deactivate the gadget (teardown) and activate it again from the stored properties.
 * The rebuilt tree must equal the committed BIOS-mode reference byte for byte, and turning it
 * off again must give the default reference.
 */
class BootProtocolRebuildTest {
    @TempDir
    Path root;

    private final class ScrLikeStore implements GadgetConfigStore {
        final Hashtable<String, Object> stored = new Hashtable<>();
        UsbGadget gadget;
        int rebuilds;

        @Override
        public Dictionary<String, Object> read() {
            return new Hashtable<>(stored);
        }

        @Override
        public boolean write(Dictionary<String, Object> properties) throws IOException {
            Hashtable<String, Object> next = new Hashtable<>();
            for (var keys = properties.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                next.put(key, properties.get(key));
            }
            if (next.equals(stored)) {
                return false;
            }
            stored.clear();
            stored.putAll(next);
            gadget.deactivate();
            gadget = new UsbGadget(ConfigView.of(stored), FakeConfigfs::new);
            rebuilds++;
            return true;
        }
    }

    private ScrLikeStore storeWithGadget() throws IOException {
        ScrLikeStore store = new ScrLikeStore();
        store.stored.put("configfs", root.resolve("config").toString());
        store.stored.put("flagsRoot", root.resolve("flags").toString());
        store.stored.put("dev", root.resolve("dev").toString());
        store.stored.put("udcClass", root.resolve("udc").toString());
        Files.createDirectories(root.resolve("config/usb_gadget"));
        Files.createDirectories(root.resolve("udc/" + GadgetPlanTest.UDC));
        store.gadget = new UsbGadget(ConfigView.of(store.stored), FakeConfigfs::new);
        return store;
    }

    private String tree() throws IOException {
        return GadgetPlanTest.TreeDump.of(root.resolve("config/usb_gadget"));
    }

    @Test
    void turningBiosModeOnRebuildsTheGadgetWithTheBootSubclass() throws IOException {
        ScrLikeStore store = storeWithGadget();
        assertEquals(reference("default.tree"), tree());
        assertFalse(new GadgetBootProtocol(store.gadget, store).enabled());

        new GadgetBootProtocol(store.gadget, store).set(true);
        assertEquals(1, store.rebuilds, "stored once, rebuilt once");
        assertEquals(Boolean.TRUE, store.stored.get("bootProtocol"));
        assertTrue(new GadgetBootProtocol(store.gadget, store).enabled());
        assertEquals(reference("bios.tree"), tree(), "the rebuilt gadget is the BIOS-mode reference byte for byte");

        new GadgetBootProtocol(store.gadget, store).set(true);
        assertEquals(1, store.rebuilds, "setting the same value again does not re-enumerate the device");

        new GadgetBootProtocol(store.gadget, store).set(false);
        assertEquals(2, store.rebuilds);
        assertEquals(reference("default.tree"), tree());
        store.gadget.deactivate();
    }

    @Test
    void theStockBiosFlagCannotBeTurnedOffThroughTheSetting() throws IOException {
        Files.createDirectories(root.resolve("flags/boot"));
        Files.createFile(root.resolve("flags/boot/BIOS"));
        ScrLikeStore store = storeWithGadget();
        GadgetBootProtocol bios = new GadgetBootProtocol(store.gadget, store);
        assertTrue(bios.enabled());
        assertTrue(bios.forcedByFlag());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> bios.set(false));
        assertTrue(e.getMessage().contains("/boot/BIOS"), e.getMessage());
        assertEquals(0, store.rebuilds, "nothing stored, nothing rebuilt");
        assertEquals(reference("bios.tree"), tree());
        store.gadget.deactivate();
    }

    private static String reference(String file) throws IOException {
        try (InputStream in = BootProtocolRebuildTest.class.getResourceAsStream("/gadget/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
