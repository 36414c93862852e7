package org.cubekvm.api.media;

import java.io.IOException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The USB mass-storage LUN the target sees. One provider runs at a time under the component name
 * {@code org.cubekvm.media.lun}: the virtual machine's drive on a PC, the configfs gadget's
 * mass-storage function on the device. Inserting replaces whatever was inserted.
 */
@ProviderType
public interface MassStorage {
    /** Inserts {@code medium}, as if a disc were put in the drive or a stick plugged in. */
    void insert(Medium medium) throws IOException;

    /** Ejects the inserted medium; nothing happens when the drive is empty. */
    void eject() throws IOException;

    /** @return the inserted medium, or null */
    Medium inserted();
}
