package org.cubekvm.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.cubekvm.api.rest.ApiException;
import org.osgi.framework.Bundle;

/**
 * The jar of a running bundle rebuilt from its own entries (manifest first, signature files
 * kept), so that an update of a built-in bundle can put it back.
 */
final class BundleSnapshot {
    private BundleSnapshot() {
    }

    /** Writes the bundle's current jar to the file, its manifest first and byte for byte. */
    static void write(Bundle bundle, Path file) {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file))) {
            copy(bundle, "META-INF/MANIFEST.MF", out);
            Deque<String> folders = new ArrayDeque<>(List.of("/"));
            while (!folders.isEmpty()) {
                Enumeration<String> paths = bundle.getEntryPaths(folders.pop());
                while (paths != null && paths.hasMoreElements()) {
                    String path = paths.nextElement();
                    if (path.endsWith("/")) {
                        folders.push(path);
                    } else if (!path.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                        copy(bundle, path, out);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new ApiException(500, "snapshot_failed", "The current version of " + bundle.getSymbolicName()
                    + " could not be saved for a rollback, so it was not updated: " + BundleFailures.describe(e));
        }
    }

    private static void copy(Bundle bundle, String path, JarOutputStream out) throws IOException {
        URL entry = bundle.getEntry(path);
        if (entry == null) {
            throw new IOException("the bundle has no " + path);
        }
        out.putNextEntry(new JarEntry(path));
        try (InputStream in = entry.openStream()) {
            in.transferTo(out);
        }
        out.closeEntry();
    }
}
