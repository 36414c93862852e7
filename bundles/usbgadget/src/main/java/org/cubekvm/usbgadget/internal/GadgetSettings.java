package org.cubekvm.usbgadget.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the gadget offers the target, validated. {@code GET/PUT /api/usb} shows and changes it;
 * the stock firmware's flag files may override parts of it ({@link BootFlags}).
 *
 * @param network       {@code off}, {@code rndis} or {@code ncm}
 * @param hidOnly       only the HID functions (no mass storage, no network), as the stock
 *                      {@code usb.hid_only} flag
 * @param bootProtocol  "BIOS mode": keyboard and relative mouse declare the boot interface
 *                      subclass, so a firmware without a HID parser can use them
 * @param remoteWakeup  the configuration's remote-wakeup attribute (lets a key wake the target;
 *                      off stops the kernel-log spam of hosts that refuse it)
 */
record GadgetSettings(boolean keyboard, boolean mouse, boolean absoluteMouse, boolean massStorage, String network,
        boolean hidOnly, boolean bootProtocol, boolean remoteWakeup, int vendorId, int productId, String serial,
        String manufacturer, String product) {
    static final String OFF = "off";
    static final String RNDIS = "rndis";
    static final String NCM = "ncm";
    static final int MAX_STRING = 126;
    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7e]*");

    /** The gadget of a fresh device: every HID function, mass storage, no network. */
    static GadgetSettings defaults() {
        return new GadgetSettings(true, true, true, true, OFF, false, false, true, 0x1d6b, 0x0104,
                "CUBEKVM0001", "CubeKVM", "CubeKVM USB Device");
    }

    /** @throws IllegalArgumentException naming the bad value */
    GadgetSettings {
        network = network == null ? OFF : network.toLowerCase(Locale.ROOT);
        if (!(OFF.equals(network) || RNDIS.equals(network) || NCM.equals(network))) {
            throw new IllegalArgumentException("network must be off, rndis or ncm, was '" + network + "'");
        }
        if (vendorId < 0 || vendorId > 0xffff) {
            throw new IllegalArgumentException("vendorId must be 0..0xffff, was " + vendorId);
        }
        if (productId < 0 || productId > 0xffff) {
            throw new IllegalArgumentException("productId must be 0..0xffff, was " + productId);
        }
        requireString("serial", serial);
        requireString("manufacturer", manufacturer);
        requireString("product", product);
        if (!(keyboard || mouse || absoluteMouse)) {
            throw new IllegalArgumentException("at least one of keyboard, mouse and absoluteMouse must be on");
        }
    }

    private static void requireString(String name, String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_STRING || !PRINTABLE.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be 1.." + MAX_STRING + " printable ASCII characters, was '"
                    + value + "'");
        }
    }

    boolean withMassStorage() {
        return massStorage && !hidOnly;
    }

    String effectiveNetwork() {
        return hidOnly ? OFF : network;
    }

    GadgetSettings withFlags(boolean hidOnlyFlag, boolean biosFlag, String networkFlag) {
        return new GadgetSettings(keyboard, mouse, absoluteMouse, massStorage, networkFlag == null ? network : networkFlag,
                hidOnly || hidOnlyFlag, bootProtocol || biosFlag, remoteWakeup, vendorId, productId, serial, manufacturer,
                product);
    }
}
