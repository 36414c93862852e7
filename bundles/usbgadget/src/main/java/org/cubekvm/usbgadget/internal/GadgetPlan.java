package org.cubekvm.usbgadget.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The configfs steps that build a gadget from {@link GadgetSettings}, in the order the kernel
 * needs them: device descriptor and strings, functions with their attributes, the configuration,
 * the links that put functions into it, and last the UDC that binds it (the target then sees the
 * device). The HID functions are always {@code hid.usb0} keyboard, {@code hid.usb1} relative
 * mouse, {@code hid.usb2} absolute mouse, so {@code /dev/hidgN} numbering follows the order.
 */
final class GadgetPlan {
    /** The gadget's directory under {@code <configfs>/usb_gadget}; every path is below it. */
    static final String GADGET = "cubekvm";
    static final String CONFIG = "configs/c.1";
    static final String UDC = "UDC";
    static final String KEYBOARD = "hid.usb0";
    static final String MOUSE = "hid.usb1";
    static final String ABSOLUTE_MOUSE = "hid.usb2";
    static final String MASS_STORAGE = "mass_storage.usb0";
    static final String LUN = "functions/" + MASS_STORAGE + "/lun.0";
    private static final String ENGLISH = "0x409";

    private GadgetPlan() {
    }

    /** @param udc the UDC to bind (e.g. {@code 4340000.usb}), or null to leave it unbound */
    static List<GadgetStep> of(GadgetSettings settings, String udc) {
        List<GadgetStep> steps = new ArrayList<>();
        steps.add(new GadgetStep.Mkdir(GADGET));
        steps.add(text("idVendor", hex4(settings.vendorId())));
        steps.add(text("idProduct", hex4(settings.productId())));
        steps.add(text("bcdDevice", "0x0100"));
        steps.add(text("bcdUSB", "0x0200"));
        steps.add(mkdir("strings/" + ENGLISH));
        steps.add(text("strings/" + ENGLISH + "/serialnumber", settings.serial()));
        steps.add(text("strings/" + ENGLISH + "/manufacturer", settings.manufacturer()));
        steps.add(text("strings/" + ENGLISH + "/product", settings.product()));

        List<String> functions = new ArrayList<>();
        // A boot-protocol interface (subclass 1) tells a BIOS it may use the fixed boot report.
        String bootSubclass = settings.bootProtocol() ? "1" : "0";
        if (settings.keyboard()) {
            hid(steps, KEYBOARD, "1", bootSubclass, 8, ReportDescriptors.keyboard());
            functions.add(KEYBOARD);
        }
        if (settings.mouse()) {
            hid(steps, MOUSE, "2", bootSubclass, 4, ReportDescriptors.relativeMouse());
            functions.add(MOUSE);
        }
        if (settings.absoluteMouse()) {
            hid(steps, ABSOLUTE_MOUSE, "0", "0", 6, ReportDescriptors.absoluteMouse());
            functions.add(ABSOLUTE_MOUSE);
        }
        if (settings.withMassStorage()) {
            steps.add(mkdir("functions/" + MASS_STORAGE));
            steps.add(text("functions/" + MASS_STORAGE + "/stall", "0"));
            // lun.0 exists as soon as the function does; mkdir of it is not allowed.
            steps.add(text(LUN + "/cdrom", "1"));
            steps.add(text(LUN + "/ro", "1"));
            steps.add(text(LUN + "/removable", "1"));
            steps.add(text(LUN + "/nofua", "1"));
            functions.add(MASS_STORAGE);
        }
        String network = settings.effectiveNetwork();
        if (!GadgetSettings.OFF.equals(network)) {
            String function = network + ".usb0";
            steps.add(mkdir("functions/" + function));
            functions.add(function);
        }

        steps.add(mkdir(CONFIG));
        steps.add(text(CONFIG + "/MaxPower", "250"));
        // bmAttributes: bit 7 always set (bus powered); bit 5 remote wakeup.
        steps.add(text(CONFIG + "/bmAttributes", settings.remoteWakeup() ? "0xa0" : "0x80"));
        steps.add(mkdir(CONFIG + "/strings/" + ENGLISH));
        steps.add(text(CONFIG + "/strings/" + ENGLISH + "/configuration", "CubeKVM"));
        for (String function : functions) {
            steps.add(new GadgetStep.Symlink(GADGET + "/" + CONFIG + "/" + function, GADGET + "/functions/" + function));
        }
        if (udc != null) {
            steps.add(text(UDC, udc));
        }
        return steps;
    }

    private static void hid(List<GadgetStep> steps, String function, String protocol, String subclass, int length,
            byte[] descriptor) {
        String dir = "functions/" + function;
        steps.add(mkdir(dir));
        steps.add(text(dir + "/protocol", protocol));
        steps.add(text(dir + "/subclass", subclass));
        steps.add(text(dir + "/report_length", Integer.toString(length)));
        steps.add(new GadgetStep.Write(GADGET + "/" + dir + "/report_desc", descriptor));
    }

    private static GadgetStep text(String path, String value) {
        return GadgetStep.Write.text(GADGET + "/" + path, value);
    }

    private static GadgetStep mkdir(String path) {
        return new GadgetStep.Mkdir(GADGET + "/" + path);
    }

    private static String hex4(int value) {
        return String.format("0x%04x", value);
    }

    static String describe(List<GadgetStep> steps) {
        StringBuilder text = new StringBuilder();
        for (GadgetStep step : steps) {
            text.append(step.describe()).append('\n');
        }
        return text.toString();
    }
}
