package org.cubekvm.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * One jar of the distribution.
 *
 * @param path          where it is
 * @param stage         index of its start stage (its folder, in name order): stage 0 starts first
 * @param symbolicName  Bundle-SymbolicName without directives
 * @param fragment      whether it has a Fragment-Host
 * @param digest        SHA-256 of the file, to notice a changed copy
 */
record BundleJar(Path path, int stage, String symbolicName, boolean fragment, String digest) {
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
        return new BundleJar(path, stage, name, fragment, sha256(path));
    }

    private static String sha256(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
