package org.cubekvm.itests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The jars the console tests upload: the example vendor bundle as the build signed it with the
 * test vendor key, and bad variants made here with the JDK's own keytool and jarsigner.
 */
final class VendorJars {
    static final String STOREPASS = "cubekvm-build";

    private VendorJars() {
    }

    /** Where platform/signing/make-keys.sh put the build's and the test vendor's keys. */
    static Path keys() {
        return Paths.get(System.getProperty("cubekvm.keys.dir", System.getProperty("user.home") + "/.cubekvm-build-key"));
    }

    static String testVendorPem() throws IOException {
        return Files.readString(keys().resolve("test-vendor.pem"));
    }

    /** platform/vendor-example's signed jar. */
    static Path example() throws IOException {
        Path target = Paths.get(System.getProperty("cubekvm.vendor.example.dir", "../vendor-example/target"));
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "com.example.cubekvm.jiggler-*.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new IOException("no example vendor jar in " + target.toAbsolutePath() + "; build platform/vendor-example");
    }

    /** A copy of the jar with one entry's bytes changed, signature files untouched. */
    static Path tampered(Path jar, Path copy, String entryName) throws IOException {
        boolean found = false;
        try (ZipFile in = new ZipFile(jar.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream data = in.getInputStream(entry)) {
                    byte[] bytes = data.readAllBytes();
                    if (entry.getName().equals(entryName)) {
                        found = true;
                        bytes = (new String(bytes, StandardCharsets.UTF_8) + "\n// changed after signing\n").getBytes(StandardCharsets.UTF_8);
                    }
                    out.write(bytes);
                }
                out.closeEntry();
            }
        }
        if (!found) {
            throw new IOException(jar + " has no entry " + entryName);
        }
        return copy;
    }

    /** The jar without its signature files. */
    static Path unsigned(Path jar, Path copy) throws IOException {
        try (ZipFile in = new ZipFile(jar.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName().toUpperCase(java.util.Locale.ROOT);
                if (name.startsWith("META-INF/") && (name.endsWith(".SF") || name.endsWith(".EC") || name.endsWith(".RSA"))) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream data = in.getInputStream(entry)) {
                    if (name.equals("META-INF/MANIFEST.MF")) {
                        // Without the per-entry digests jarsigner added.
                        Manifest manifest = new Manifest(data);
                        manifest.getEntries().clear();
                        manifest.write(out);
                    } else {
                        data.transferTo(out);
                    }
                }
                out.closeEntry();
            }
        }
        return copy;
    }

    /** A bundle whose Bundle-Activator throws, signed with the test vendor key. */
    static Path throwingActivator(Path dir) throws Exception {
        return throwingActivator(dir, "com.example.throwing", "1.0.0");
    }

    /** A bundle of the given name and version whose Bundle-Activator throws, signed with the test vendor key. */
    static Path throwingActivator(Path dir, String symbolicName, String version) throws Exception {
        Manifest manifest = manifest(symbolicName, version);
        manifest.getMainAttributes().putValue("Bundle-Activator", ThrowingActivator.class.getName());
        manifest.getMainAttributes().putValue("Import-Package", "org.osgi.framework");
        Path jar = dir.resolve("throwing-" + symbolicName + "-" + version + ".jar");
        String classFile = ThrowingActivator.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                InputStream bytes = ThrowingActivator.class.getResourceAsStream("/" + classFile)) {
            out.putNextEntry(new ZipEntry(classFile));
            bytes.transferTo(out);
            out.closeEntry();
        }
        sign(jar, keys().resolve("test-vendor.p12"), "test-vendor");
        return jar;
    }

    /** A jar claiming to be the given bundle, signed with the test vendor key (trusted, but not the build's). */
    static Path impostor(Path dir, String symbolicName) throws Exception {
        Path jar = dir.resolve("impostor.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest(symbolicName, "99.0.0"))) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("not the real one".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        sign(jar, keys().resolve("test-vendor.p12"), "test-vendor");
        return jar;
    }

    /** The example re-signed with a key made here, which no trust store holds. */
    static Path signedByStranger(Path unsigned, Path dir) throws Exception {
        Path store = dir.resolve("stranger.p12");
        run(List.of(tool("keytool"), "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", STOREPASS,
                "-alias", "stranger", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                "-dname", "CN=Stranger, O=Nobody"));
        Path copy = Files.copy(unsigned, dir.resolve("stranger.jar"));
        sign(copy, store, "stranger");
        return copy;
    }

    static void sign(Path jar, Path store, String alias) throws Exception {
        run(List.of(tool("jarsigner"), "-keystore", store.toString(), "-storepass", STOREPASS, jar.toString(), alias));
    }

    private static Manifest manifest(String symbolicName, String version) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        main.putValue("Bundle-Vendor", "Example Vendor");
        return manifest;
    }

    static String tool(String name) {
        return Paths.get(System.getProperty("java.home"), "bin", name).toString();
    }

    static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command.get(0) + " failed: " + output);
        }
    }
}
