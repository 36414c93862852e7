package org.cubekvm.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * One jar of the distribution.
 *
 * @param path          where it is
 * @param stage         index of its start stage (its folder, in name order): stage 0 starts first
 * @param symbolicName  Bundle-SymbolicName without directives
 * @param fragment      whether it has a Fragment-Host
 * @param stamp         size and modification time of the file, to notice a changed copy (a
 *                      distribution update writes new files). Not a content hash: hashing the
 *                      13 MB of jars took 260 ms of every start on a PC, more on the device.
 */
record BundleJar(Path path, int stage, String symbolicName, boolean fragment, String stamp) {
    static final String LOCATION_PREFIX = "cubekvm:builtin:";

    String location() {
        return LOCATION_PREFIX + path.getFileName();
    }

    static BundleJar read(Path path, int stage) throws IOException {
        String name;
        boolean fragment;
        try (JarFile jar = new JarFile(path.toFile())) {
            Manifest manifest = jar.getManifest();
            if (manifest == null || manifest.getMainAttributes().getValue("Bundle-SymbolicName") == null) {
                throw new IOException(path.getFileName() + " is not an OSGi bundle (no Bundle-SymbolicName)");
            }
            name = manifest.getMainAttributes().getValue("Bundle-SymbolicName").split(";")[0].trim();
            fragment = manifest.getMainAttributes().getValue("Fragment-Host") != null;
        }
        return new BundleJar(path, stage, name, fragment, stamp(path));
    }

    static String stamp(Path path) throws IOException {
        return Files.size(path) + "@" + Files.getLastModifiedTime(path).toMillis();
    }

}
