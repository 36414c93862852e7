package org.cubekvm.usbgadget.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import org.cubekvm.api.media.Medium;
import org.cubekvm.api.media.MediumMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The component on a fake configfs: builds on activation, reconnects, switches the LUN, removes on deactivation. */
class UsbGadgetTest {
    @TempDir
    Path root;

    private UsbGadgetConfig config(String... pairs) throws IOException {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("configfs", root.resolve("config").toString());
        p.put("flagsRoot", root.resolve("flags").toString());
        p.put("dev", root.resolve("dev").toString());
        p.put("udcClass", root.resolve("udc").toString());
        for (int i = 0; i < pairs.length; i += 2) {
            p.put(pairs[i], pairs[i + 1]);
        }
        Files.createDirectories(root.resolve("config/usb_gadget"));
        Files.createDirectories(root.resolve("udc/4340000.usb"));
        return ConfigView.of(p);
    }

    @Test
    void buildsReconnectsAndRemovesTheGadget() throws IOException {
        Path usbGadget = root.resolve("config/usb_gadget");
        UsbGadget gadget = new UsbGadget(config(), FakeConfigfs::new);
        assertEquals("4340000.usb", gadget.udc());
        assertEquals("4340000.usb\n", Files.readString(usbGadget.resolve("cubekvm/UDC")));
        gadget.reconnect();
        assertEquals("4340000.usb\n", Files.readString(usbGadget.resolve("cubekvm/UDC")));

        Path lun = gadget.lun();
        Files.writeString(lun.resolve("file"), "\n");
        ConfigfsMassStorage storage = new ConfigfsMassStorage(lun);
        Path image = root.resolve("disk.img");
        Files.write(image, new byte[512]);
        storage.insert(new Medium("disk.img", image, MediumMode.DISK, false));
        assertEquals("0\n", Files.readString(lun.resolve("cdrom")));
        assertEquals("0\n", Files.readString(lun.resolve("ro")));
        assertEquals(image.toAbsolutePath() + "\n", Files.readString(lun.resolve("file")));
        storage.eject();
        assertEquals("\n", Files.readString(lun.resolve("file")));
        assertNull(storage.inserted());
        Files.delete(lun.resolve("file")); // made by this test, not by the fake kernel

        gadget.deactivate();
        assertEquals(0, Files.list(usbGadget).count(), "the gadget is gone");
    }

    @Test
    void hidOnlyHasNoLunAndMountingSaysWhy() throws IOException {
        UsbGadget gadget = new UsbGadget(config("hidOnly", "true"), FakeConfigfs::new);
        assertNull(gadget.lun());
        IOException e = assertThrows(IOException.class, () -> new ConfigfsMassStorage(gadget.lun())
                .insert(new Medium("a.iso", root.resolve("a.iso"), MediumMode.CDROM, true)));
        assertTrue(e.getMessage().contains("no mass-storage function"), e.getMessage());
        gadget.deactivate();
    }

    @Test
    void badSettingsNameTheValue() throws IOException {
        UsbGadgetConfig bad = config("vendorId", "0xzz");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UsbGadget(bad, FakeConfigfs::new));
        assertTrue(e.getMessage().contains("vendorId"), e.getMessage());
        assertEquals(0, Files.list(root.resolve("config/usb_gadget")).count(), "nothing was built");
    }

    @Test
    void aLeftoverGadgetIsReplaced() throws IOException {
        new UsbGadget(config("network", "rndis", "bootProtocol", "true"), FakeConfigfs::new);
        UsbGadget second = new UsbGadget(config("network", "ncm"), FakeConfigfs::new);
        assertTrue(Files.isDirectory(root.resolve("config/usb_gadget/cubekvm/functions/ncm.usb0")));
        assertFalse(Files.exists(root.resolve("config/usb_gadget/cubekvm/functions/rndis.usb0")),
                "the leftover's other functions went too");
        assertEquals("0\n", Files.readString(root.resolve("config/usb_gadget/cubekvm/functions/hid.usb0/subclass")));
        second.deactivate();
    }
}
