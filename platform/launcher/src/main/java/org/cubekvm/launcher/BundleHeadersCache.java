package org.cubekvm.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The headers the launcher needs of each built-in jar (symbolic name, fragment or not), remembered in
 * the data directory by the jar's size and modification time, so that a start reads the manifests of
 * new or changed jars only. Parsing the 60 manifests (Jetty's and BouncyCastle's are large) took
 * ~0.1 s of every start on a PC, before the framework could start anything (issue 20: BENCHMARKS.md
 * "Start-up round 4"). A missing or unreadable file only means the manifests are read again.
 */
final class BundleHeadersCache {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.launcher");
    private static final String SEPARATOR = "|";

    private final Path file;
    private final Properties known = new Properties();
    private final Properties seen = new Properties();

    private BundleHeadersCache(Path file) {
        this.file = file;
    }

    static BundleHeadersCache load(Path file) {
        BundleHeadersCache cache = new BundleHeadersCache(file);
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                cache.known.load(in);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("launcher: ignoring the bundle headers cache {}: {}", file, OneLine.of(e));
                cache.known.clear();
            }
        }
        return cache;
    }

    /** The jar as {@link BundleJar#read} would read it; its manifest only if it is new or changed. */
    BundleJar read(Path jar, int stage) throws IOException {
        String key = jar.toAbsolutePath().toString();
        String stamp = BundleJar.stamp(jar);
        String[] cached = known.getProperty(key, "").split("\\|", -1);
        BundleJar result;
        if (cached.length == 3 && cached[0].equals(stamp) && !cached[1].isEmpty()) {
            result = new BundleJar(jar, stage, cached[1], Boolean.parseBoolean(cached[2]), stamp);
        } else {
            result = BundleJar.read(jar, stage);
        }
        seen.setProperty(key, result.stamp() + SEPARATOR + result.symbolicName() + SEPARATOR + result.fragment());
        return result;
    }

    /** Writes what this start saw (jars gone from the distribution drop out), if it differs from the file. */
    void store() {
        if (seen.equals(known)) {
            return;
        }
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                seen.store(out, "stamp|Bundle-SymbolicName|fragment of each built-in jar, read by the launcher");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("launcher: could not write the bundle headers cache {}: {}", file, OneLine.of(e));
        }
    }
}
