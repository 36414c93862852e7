package org.cubekvm.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

/**
 * {@code <data>/console/journal.properties}: written (and synced) before a bundle change starts,
 * deleted when it has finished or was rolled back. Found at start, it means the platform stopped
 * in the middle of a change, which {@link Recovery} then undoes.
 */
final class Journal {
    /** What was being changed. */
    record Entry(String operation, String symbolicName, String location, String previousVersion, String newVersion) {
    }

    private final Path file;

    Journal(Path folder) {
        this.file = folder.resolve("journal.properties");
    }

    void begin(Entry entry) {
        Properties properties = new Properties();
        properties.setProperty("operation", entry.operation());
        properties.setProperty("symbolicName", entry.symbolicName());
        properties.setProperty("location", entry.location());
        properties.setProperty("previousVersion", entry.previousVersion() == null ? "" : entry.previousVersion());
        properties.setProperty("newVersion", entry.newVersion() == null ? "" : entry.newVersion());
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling("journal.tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                properties.store(out, "a bundle change in progress; undone at the next start if still here");
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + file, e);
        }
    }

    /** @return the interrupted change, or null when there is none */
    Entry read() {
        if (!Files.exists(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + file, e);
        }
        return new Entry(properties.getProperty("operation", ""), properties.getProperty("symbolicName", ""),
                properties.getProperty("location", ""), blankToNull(properties.getProperty("previousVersion")),
                blankToNull(properties.getProperty("newVersion")));
    }

    void end() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the journal " + file, e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
