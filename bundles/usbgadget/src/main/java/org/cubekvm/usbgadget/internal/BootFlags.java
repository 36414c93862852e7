package org.cubekvm.usbgadget.internal;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The stock firmware's flag files under {@code <root>/boot}: {@code usb.rndis0} (RNDIS network),
 * {@code usb.ncm} (NCM network, wins over RNDIS), {@code usb.hid_only} (HID functions only),
 * {@code BIOS} (boot-protocol keyboard and mouse). A present file turns the feature on whatever
 * the settings say, so a device upgraded from the stock firmware keeps its behaviour.
 */
record BootFlags(boolean rndis, boolean ncm, boolean hidOnly, boolean bios) {
    static BootFlags read(Path root) {
        Path boot = root.resolve("boot");
        return new BootFlags(Files.exists(boot.resolve("usb.rndis0")), Files.exists(boot.resolve("usb.ncm")),
                Files.exists(boot.resolve("usb.hid_only")), Files.exists(boot.resolve("BIOS")));
    }

    GadgetSettings applyTo(GadgetSettings settings) {
        String network = ncm ? GadgetSettings.NCM : rndis ? GadgetSettings.RNDIS : null;
        return settings.withFlags(hidOnly, bios, network);
    }
}
