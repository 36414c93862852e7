package org.cubekvm.launcher;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
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
        Manifest manifest = manifest(path);
        if (manifest == null || manifest.getMainAttributes().getValue("Bundle-SymbolicName") == null) {
            throw new IOException(path.getFileName() + " is not an OSGi bundle (no Bundle-SymbolicName)");
        }
        String name = manifest.getMainAttributes().getValue("Bundle-SymbolicName").split(";")[0].trim();
        boolean fragment = manifest.getMainAttributes().getValue("Fragment-Host") != null;
        return new BundleJar(path, stage, name, fragment, stamp(path));
    }

    /**
     * The manifest, read from the front of the jar where jar tools put it: a {@link JarFile} reads the
     * whole central directory first (thousands of entries in BouncyCastle's and Jetty's jars), and this
     * runs for every built-in bundle on every start (issue 20: BENCHMARKS.md "Start-up round 4"). A jar
     * whose manifest is not among its first entries is read through its central directory.
     */
    static Manifest manifest(Path path) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path));
                JarInputStream jar = new JarInputStream(in, false)) {
            Manifest manifest = jar.getManifest();
            if (manifest != null) {
                return manifest;
            }
        }
        try (JarFile jar = new JarFile(path.toFile(), false)) {
            return jar.getManifest();
        }
    }

    private static String stamp(Path path) throws IOException {
        return Files.size(path) + "@" + Files.getLastModifiedTime(path).toMillis();
    }

}
