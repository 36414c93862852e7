package org.cubekvm.keymap.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cubekvm.api.hid.KeyboardLayout;
import org.cubekvm.api.hid.KeyboardLayouts;
import org.osgi.service.component.annotations.Component;

/** The layouts shipped with the platform, each read from its table in this bundle. */
@Component(name = "org.cubekvm.keymap", service = KeyboardLayouts.class)
public class BuiltInKeyboardLayouts implements KeyboardLayouts {
    /** en-US first, as the API promises. */
    static final List<String> IDS = List.of("en-US", "en-GB", "de-DE", "fr-FR");

    private final Map<String, KeyboardLayout> layouts = new LinkedHashMap<>();

    public BuiltInKeyboardLayouts() {
        for (String id : IDS) {
            layouts.put(id, TableKeyboardLayout.load(id));
        }
    }

    @Override
    public KeyboardLayout layout(String id) {
        return id == null ? null : layouts.get(id);
    }

    @Override
    public List<String> ids() {
        return IDS;
    }
}
