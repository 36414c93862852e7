package org.cubekvm.nativebridge.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.cubekvm.api.video.Codec;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The recordings this bundle carries under {@code replay/}. The native side reads plain files
 * (pread), so a recording is extracted once into the bundle's data area and reused while its
 * size matches the bundle's copy.
 */
final class BundleRecordings implements Recordings {
    private final Bundle bundle;
    private final BundleContext context;

    BundleRecordings(BundleContext context) {
        this.context = context;
        this.bundle = context.getBundle();
    }

    @Override
    public boolean has(Codec codec) {
        return entry(codec) != null;
    }

    @Override
    public synchronized Path locate(Codec codec) throws IOException {
        URL entry = entry(codec);
        if (entry == null) {
            throw new IOException("this bundle carries no " + Recordings.prefix(codec) + "*.ckr recording");
        }
        String name = entry.getPath().substring(entry.getPath().lastIndexOf('/') + 1);
        Path folder = context.getDataFile("replay").toPath();
        Files.createDirectories(folder);
        Path target = folder.resolve(name);
        URLConnection connection = entry.openConnection();
        long size = connection.getContentLengthLong();
        if (Files.isRegularFile(target) && size >= 0 && Files.size(target) == size) {
            return target;
        }
        // Temp file + rename: a half-written recording is never opened.
        Path temporary = folder.resolve(name + ".tmp");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private URL entry(Codec codec) {
        Enumeration<URL> entries = bundle.findEntries("replay", Recordings.prefix(codec) + "*.ckr", false);
        if (entries == null) {
            return null;
        }
        List<URL> found = new ArrayList<>();
        while (entries.hasMoreElements()) {
            found.add(entries.nextElement());
        }
        found.sort((a, b) -> a.getPath().compareTo(b.getPath()));
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public String where() {
        return "the bundle " + bundle.getSymbolicName() + " (replay/)";
    }
}
