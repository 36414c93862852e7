package org.cubekvm.usbgadget.internal;

import java.io.IOException;
import java.util.Map;
import org.cubekvm.api.hid.UsbBootProtocol;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BIOS mode as the HID settings see it ({@code PUT /api/hid/settings} {@code bootProtocol}): the
 * gadget's own {@code bootProtocol} setting, so there is one place it is stored. A change is
 * stored in the gadget's configuration, which rebuilds the gadget through its transaction.
 * Registered only while a gadget is built (device profile).
 */
@Component(service = UsbBootProtocol.class)
public class GadgetBootProtocol implements UsbBootProtocol {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.usbgadget");
    private final UsbGadget gadget;
    private final GadgetConfigStore store;

    @Activate
    public GadgetBootProtocol(@Reference UsbGadget gadget, @Reference ConfigurationAdmin admin) {
        this(gadget, GadgetConfigStore.of(admin));
    }

    GadgetBootProtocol(UsbGadget gadget, GadgetConfigStore store) {
        this.gadget = gadget;
        this.store = store;
    }

    @Override
    public boolean enabled() {
        return gadget.effective().bootProtocol();
    }

    @Override
    public boolean forcedByFlag() {
        return gadget.flags().bios();
    }

    @Override
    public void set(boolean enabled) throws IOException {
        if (!enabled && forcedByFlag()) {
            throw new IllegalStateException("BIOS mode is forced on by the flag file /boot/BIOS; remove the file to turn it off");
        }
        if (gadget.configured().bootProtocol() == enabled) {
            return;
        }
        if (store.change(Map.of("bootProtocol", enabled))) {
            LOG.info("usbgadget: BIOS mode {}; the gadget is rebuilt", enabled ? "on" : "off");
        }
    }
}
