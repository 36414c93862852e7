package org.cubekvm.usbgadget.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.cubekvm.api.media.MassStorage;
import org.cubekvm.api.media.Medium;
import org.cubekvm.api.media.MediumMode;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mass-storage LUN of the device: {@code functions/mass_storage.usb0/lun.0}. Inserting empties
 * the LUN first (the kernel refuses to change {@code cdrom}/{@code ro} while a file is open), sets
 * both, then the file; ejecting empties it, forcing when the host locked the medium. Same
 * component name as the virtual machine's drive, so a profile swaps bundles, not configuration.
 */
@Component(name = "org.cubekvm.media.lun", service = MassStorage.class, immediate = true)
public class ConfigfsMassStorage implements MassStorage {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.usbgadget");

    private final Path lun;
    private Medium medium;

    @Activate
    public ConfigfsMassStorage(@Reference UsbGadget gadget) {
        this(gadget.lun());
    }

    ConfigfsMassStorage(Path lun) {
        this.lun = lun;
    }

    @Override
    public synchronized void insert(Medium inserted) throws IOException {
        requireLun();
        empty();
        write("cdrom", inserted.mode() == MediumMode.CDROM ? "1" : "0");
        write("ro", inserted.readOnly() ? "1" : "0");
        write("file", inserted.image().toAbsolutePath().toString());
        medium = inserted;
        LOG.info("usbgadget: LUN holds {} as {}", inserted.name(), inserted.mode().id());
    }

    @Override
    public synchronized void eject() throws IOException {
        requireLun();
        empty();
        medium = null;
    }

    @Override
    public synchronized Medium inserted() {
        return medium;
    }

    private void empty() throws IOException {
        try {
            write("file", "");
        } catch (IOException e) {
            // The host prevents medium removal: force it (kernel ≥ 3.x has forced_eject).
            if (Files.exists(lun.resolve("forced_eject"))) {
                write("forced_eject", "1");
            } else {
                throw e;
            }
        }
    }

    private void requireLun() throws IOException {
        if (lun == null) {
            throw new IOException("the gadget has no mass-storage function (HID-only mode or massStorage=false)");
        }
    }

    private void write(String attribute, String value) throws IOException {
        Files.write(lun.resolve(attribute), (value + "\n").getBytes(StandardCharsets.US_ASCII),
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
