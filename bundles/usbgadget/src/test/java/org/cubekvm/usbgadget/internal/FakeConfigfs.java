package org.cubekvm.usbgadget.internal;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;

/**
 * configfs as the kernel behaves, on a plain directory (Documentation/usb/gadget_configfs.rst):
 * making a gadget makes its default groups {@code configs functions strings os_desc}; making a
 * configuration makes its {@code strings}; making a mass-storage function makes {@code lun.0}.
 * Removing a directory removes its attributes and default groups, but is refused (ENOTEMPTY)
 * while it holds a directory or link the user made.
 */
class FakeConfigfs extends ConfigfsTransaction {
    private static final Set<String> GADGET_GROUPS = Set.of("configs", "functions", "strings", "os_desc");
    private final Path usbGadget;

    FakeConfigfs(Path usbGadget) {
        super(usbGadget);
        this.usbGadget = usbGadget;
    }

    @Override
    void mkdir(Path dir) throws IOException {
        Files.createDirectory(dir);
        for (String group : defaultGroups(dir)) {
            Files.createDirectory(dir.resolve(group));
        }
    }

    @Override
    void rmdir(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Set<String> groups = defaultGroups(dir);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                boolean userDirectory = Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                        && !groups.contains(entry.getFileName().toString());
                if (userDirectory || Files.isSymbolicLink(entry)) {
                    throw new DirectoryNotEmptyException(dir + " still holds " + entry.getFileName());
                }
            }
        }
        for (String group : groups) {
            rmdir(dir.resolve(group));
        }
        try (DirectoryStream<Path> attributes = Files.newDirectoryStream(dir)) {
            for (Path attribute : attributes) {
                Files.delete(attribute);
            }
        }
        Files.delete(dir);
    }

    private Set<String> defaultGroups(Path dir) {
        Path parent = dir.getParent();
        String name = dir.getFileName().toString();
        if (usbGadget.equals(parent)) {
            return GADGET_GROUPS;
        }
        String parentName = parent.getFileName().toString();
        if ("configs".equals(parentName)) {
            return Set.of("strings");
        }
        if ("functions".equals(parentName) && name.startsWith("mass_storage.")) {
            return Set.of("lun.0");
        }
        return Set.of();
    }
}
