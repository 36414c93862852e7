package org.cubekvm.console.internal;

import org.cubekvm.api.rest.ApiError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The jars behind installed bundles, under {@code <data>/console/bundles/<symbolic name>/}:
 * {@code current.jar} (what is installed), {@code previous.jar} (kept during an update to put it
 * back) and {@code signer.properties} (who signed the current one, for the bundle list).
 */
final class StoredJars {
    private static final String SIGNER = "signer.properties";
    private static final String PREVIOUS_SIGNER = "previous-signer.properties";
    private final Path folder;

    StoredJars(Path folder) {
        this.folder = folder;
    }

    Path current(String symbolicName) {
        return dir(symbolicName).resolve("current.jar");
    }

    Path previous(String symbolicName) {
        return dir(symbolicName).resolve("previous.jar");
    }

    /** Moves the verified upload in as the current jar, the current one (if any) to previous. */
    void promote(VerifiedJar jar) {
        String name = jar.symbolicName();
        try {
            Files.createDirectories(dir(name));
            if (Files.exists(current(name))) {
                Files.move(current(name), previous(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                moveIfExists(dir(name).resolve(SIGNER), dir(name).resolve(PREVIOUS_SIGNER));
            }
            Files.move(jar.file(), current(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Properties signer = new Properties();
            signer.setProperty("subject", jar.signerSubject());
            signer.setProperty("trust", jar.trustId());
            try (var out = Files.newOutputStream(dir(name).resolve(SIGNER))) {
                signer.store(out, "signer of current.jar");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the jar of " + name, e);
        }
    }

    /** Puts previous.jar (and who signed it) back as the current jar (rollback). */
    void demote(String symbolicName) {
        try {
            if (Files.exists(previous(symbolicName))) {
                Files.move(previous(symbolicName), current(symbolicName), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                Files.deleteIfExists(dir(symbolicName).resolve(SIGNER));
                moveIfExists(dir(symbolicName).resolve(PREVIOUS_SIGNER), dir(symbolicName).resolve(SIGNER));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore the jar of " + symbolicName, e);
        }
    }

    String signer(String symbolicName) {
        Path file = dir(symbolicName).resolve(SIGNER);
        if (!Files.exists(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (var in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            return null;
        }
        return properties.getProperty("subject");
    }

    private static void moveIfExists(Path from, Path to) throws IOException {
        if (Files.exists(from)) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    void dropPrevious(String symbolicName) {
        try {
            Files.deleteIfExists(previous(symbolicName));
            Files.deleteIfExists(dir(symbolicName).resolve(PREVIOUS_SIGNER));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the previous jar of " + symbolicName, e);
        }
    }

    void delete(String symbolicName) {
        try {
            for (String file : new String[] {"current.jar", "previous.jar", SIGNER, PREVIOUS_SIGNER}) {
                Files.deleteIfExists(dir(symbolicName).resolve(file));
            }
            Files.deleteIfExists(dir(symbolicName));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the jars of " + symbolicName, e);
        }
    }

    private Path dir(String symbolicName) {
        if (!symbolicName.matches("[A-Za-z0-9_.-]{1,200}")) {
            throw new org.cubekvm.api.rest.ApiException(422, "not_a_bundle",
                    "Bundle-SymbolicName '" + ApiError.printable(symbolicName) + "' has characters a bundle name cannot have");
        }
        return folder.resolve(symbolicName);
    }
}
