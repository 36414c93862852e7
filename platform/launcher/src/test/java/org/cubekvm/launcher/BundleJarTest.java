package org.cubekvm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleJarTest {
    @Test
    void readsTheBundleHeadersAndLocation(@TempDir Path dir) throws IOException {
        Path jar = writeBundle(dir.resolve("org.example.jar"), "org.example;singleton:=true", "payload");
        BundleJar read = BundleJar.read(jar, 2);
        assertEquals("org.example", read.symbolicName());
        assertEquals(2, read.stage());
        assertFalse(read.fragment());
        assertEquals("cubekvm:builtin:org.example.jar", read.location());
    }

    @Test
    void theStampStaysForAnUntouchedCopyAndChangesForARewrittenOne(@TempDir Path dir) throws IOException {
        Path jar = writeBundle(dir.resolve("org.example.jar"), "org.example", "first");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        String first = BundleJar.read(jar, 0).stamp();
        assertEquals(first, BundleJar.read(jar, 0).stamp(), "reading twice is not a change");

        writeBundle(jar, "org.example", "second, longer");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));
        assertNotEquals(first, BundleJar.read(jar, 0).stamp(), "a distribution update writes a new file");

        String rewritten = BundleJar.read(jar, 0).stamp();
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-03T00:00:00Z")));
        assertNotEquals(rewritten, BundleJar.read(jar, 0).stamp(), "same size, newer file");
    }

    @Test
    void aJarWithoutASymbolicNameIsNotABundle(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("plain.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // only the manifest
        }
        IOException e = assertThrows(IOException.class, () -> BundleJar.read(jar, 0));
        assertTrue(e.getMessage().contains("plain.jar"), e.getMessage());
    }

    private static Path writeBundle(Path jar, String symbolicName, String payload) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream stream = new JarOutputStream(out, manifest)) {
            stream.putNextEntry(new java.util.jar.JarEntry("payload.txt"));
            stream.write(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            stream.closeEntry();
        }
        return jar;
    }
}
