package org.cubekvm.api.hid;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The keyboard layouts this platform knows. */
@ProviderType
public interface KeyboardLayouts {
    /** @return the layout, or null when the id is unknown */
    KeyboardLayout layout(String id);

    /** Known ids, {@code en-US} first. */
    List<String> ids();
}
