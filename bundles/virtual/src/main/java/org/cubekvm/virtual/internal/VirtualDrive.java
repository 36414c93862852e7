package org.cubekvm.virtual.internal;

import java.io.IOException;
import org.cubekvm.api.media.MassStorage;
import org.cubekvm.api.media.Medium;
import org.cubekvm.api.media.MediumMode;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The virtual machine's USB drive: the {@link MassStorage} LUN of the virtual profile (the USB
 * gadget provides the same component on the device). Like a PC, the machine reads the inserted
 * image's volume label itself ({@link VolumeLabel}) and shows it on its screen.
 */
@Component(name = "org.cubekvm.media.lun", service = {MassStorage.class, VirtualDrive.class}, immediate = true)
public class VirtualDrive implements MassStorage {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.virtual");

    /** {@code /api/virtual/state.media}. */
    record MediaState(String name, String label) {
    }

    private final VirtualScreen screen;
    private Medium medium;
    private MediaState state;

    @Activate
    public VirtualDrive(@Reference VirtualScreen screen) {
        this.screen = screen;
    }

    @Override
    public synchronized void insert(Medium inserted) throws IOException {
        VolumeLabel.Found found = VolumeLabel.read(inserted.image());
        String label = found == null ? "" : found.label();
        medium = inserted;
        state = new MediaState(inserted.name(), label);
        String device = inserted.mode() == MediumMode.CDROM ? "CD-ROM" : "USB disk";
        String what = found == null ? "no ISO 9660 or FAT file system" : found.kind() + " volume "
                + (label.isEmpty() ? "without a label" : "'" + label + "'");
        screen.content().media(device + ": " + (label.isEmpty() ? inserted.name() : label),
                "usb 1-2: " + device + " " + inserted.name() + " inserted: " + what
                        + (inserted.readOnly() ? ", read-only" : ""));
        LOG.info("drive: {} {} inserted ({})", device, inserted.name(), what);
    }

    @Override
    public synchronized void eject() {
        if (medium == null) {
            return;
        }
        String name = medium.name();
        medium = null;
        state = null;
        screen.content().media(null, "usb 1-2: medium " + name + " ejected");
        LOG.info("drive: {} ejected", name);
    }

    @Override
    public synchronized Medium inserted() {
        return medium;
    }

    synchronized MediaState state() {
        return state;
    }
}
