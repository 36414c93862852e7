package org.cubekvm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleHeadersCacheTest {
    private static final FileTime FIRST = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
    private static final FileTime LATER = FileTime.from(Instant.parse("2026-01-02T00:00:00Z"));

    @Test
    void anUnchangedJarIsNotOpenedAgainAndAChangedOneIs(@TempDir Path dir) throws IOException {
        Path jar = writeBundle(dir.resolve("org.example.jar"), "org.example;singleton:=true", "org.host");
        Path cacheFile = dir.resolve("headers");
        BundleHeadersCache first = BundleHeadersCache.load(cacheFile);
        BundleJar read = first.read(jar, 2);
        assertEquals("org.example", read.symbolicName());
        assertTrue(read.fragment());
        first.store();
        assertTrue(Files.exists(cacheFile));

        // Same size and time, but no longer a jar: the next start must take the headers from the cache.
        byte[] garbage = new byte[(int) Files.size(jar)];
        Arrays.fill(garbage, (byte) 'x');
        Files.write(jar, garbage);
        Files.setLastModifiedTime(jar, FIRST);
        BundleJar cached = BundleHeadersCache.load(cacheFile).read(jar, 3);
        assertEquals("org.example", cached.symbolicName());
        assertTrue(cached.fragment());
        assertEquals(3, cached.stage(), "the stage is the folder's, not the cache's");
        assertEquals(read.stamp(), cached.stamp());

        // A newer file is read again (here: it is no jar, so reading fails).
        Files.setLastModifiedTime(jar, LATER);
        assertThrows(IOException.class, () -> BundleHeadersCache.load(cacheFile).read(jar, 3));
    }

    @Test
    void jarsThatLeftTheDistributionDropOutAndABrokenFileIsIgnored(@TempDir Path dir) throws IOException {
        Path a = writeBundle(dir.resolve("a.jar"), "org.a", null);
        Path b = writeBundle(dir.resolve("b.jar"), "org.b", null);
        Path cacheFile = dir.resolve("headers");
        BundleHeadersCache both = BundleHeadersCache.load(cacheFile);
        both.read(a, 0);
        both.read(b, 0);
        both.store();
        BundleHeadersCache onlyA = BundleHeadersCache.load(cacheFile);
        assertFalse(onlyA.read(a, 0).fragment());
        onlyA.store();
        String text = Files.readString(cacheFile);
        assertTrue(text.contains("a.jar"), text);
        assertFalse(text.contains("b.jar"), text);

        Files.writeString(cacheFile, "\\u12", StandardCharsets.ISO_8859_1);
        assertEquals("org.b", BundleHeadersCache.load(cacheFile).read(b, 0).symbolicName());
    }

    private static Path writeBundle(Path jar, String symbolicName, String fragmentHost) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        if (fragmentHost != null) {
            manifest.getMainAttributes().putValue("Fragment-Host", fragmentHost);
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream stream = new JarOutputStream(out, manifest)) {
            stream.putNextEntry(new JarEntry("payload.txt"));
            stream.write("payload".getBytes(StandardCharsets.UTF_8));
            stream.closeEntry();
        }
        Files.setLastModifiedTime(jar, FIRST);
        return jar;
    }
}
