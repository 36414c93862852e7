package org.cubekvm.usbgadget.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Where the gadget's settings are stored: its configuration (PID {@code org.cubekvm.usbgadget}).
 * Storing a change re-activates {@link UsbGadget}, which rebuilds the gadget. Used by
 * {@code PUT /api/usb} and by BIOS mode of {@code PUT /api/hid/settings} ({@link GadgetBootProtocol}).
 */
interface GadgetConfigStore {
    /** The stored properties (a copy the caller may change), empty when none are stored. */
    Dictionary<String, Object> read() throws IOException;

    /** Stores the properties; returns whether they differed from the stored ones. */
    boolean write(Dictionary<String, Object> properties) throws IOException;

    /**
     * Applies {@code changes} to the stored properties, validates the result and stores it.
     *
     * @return whether anything changed (only then is the gadget rebuilt)
     * @throws IllegalArgumentException naming the bad value; nothing is stored
     */
    default boolean change(Map<String, Object> changes) throws IOException {
        Dictionary<String, Object> properties = read();
        changes.forEach(properties::put);
        UsbGadget.settings(ConfigView.of(properties));
        return write(properties);
    }

    static GadgetConfigStore of(ConfigurationAdmin admin) {
        return new GadgetConfigStore() {
            @Override
            public Dictionary<String, Object> read() throws IOException {
                Dictionary<String, Object> stored = configuration().getProperties();
                Hashtable<String, Object> copy = new Hashtable<>();
                if (stored != null) {
                    for (var keys = stored.keys(); keys.hasMoreElements();) {
                        String key = keys.nextElement();
                        copy.put(key, stored.get(key));
                    }
                }
                return copy;
            }

            @Override
            public boolean write(Dictionary<String, Object> properties) throws IOException {
                return configuration().updateIfDifferent(properties);
            }

            private Configuration configuration() throws IOException {
                return admin.getConfiguration(UsbGadget.PID, "?");
            }
        };
    }
}
