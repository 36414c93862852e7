package org.cubekvm.auth.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cubekvm.common.files.SecretFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hash an unknown user's password is checked against, so that a login with an unknown name takes
 * as long as one with a wrong password. Made once per data directory (one PBKDF2 run: 50-300 ms on a
 * PC, seconds on the device's one core, and megabytes of short-lived garbage) and kept in
 * {@code <data>/decoy-hash}; made again only when the configured iteration count changes.
 */
final class DecoyHash {
    static final String FILE = "decoy-hash";
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.auth");

    private final Path file;
    private final Object lock = new Object();
    private volatile String hash;

    DecoyHash(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    /** Reads the stored hash. @return whether it was made with {@code iterations} (nothing left to make) */
    boolean load(int iterations) {
        try {
            String stored = Files.exists(file) ? Files.readString(file, StandardCharsets.US_ASCII).trim() : null;
            if (stored != null && stored.startsWith(PasswordHashing.SCHEME + "$")
                    && PasswordHashing.iterations(stored) == iterations) {
                hash = stored;
                return true;
            }
        } catch (IOException e) {
            LOG.warn("cannot read {}; a new decoy hash will be made: {}", file, e.getMessage());
        }
        return false;
    }

    /** The hash for {@code iterations}, made (timed and logged, the figure docs/security.md asks for) and stored if needed. */
    String get(int iterations) {
        String current = hash;
        if (current != null && PasswordHashing.iterations(current) == iterations) {
            return current;
        }
        synchronized (lock) {
            current = hash;
            if (current == null || PasswordHashing.iterations(current) != iterations) {
                long started = System.nanoTime();
                current = PasswordHashing.hash(Secrets.token(), iterations);
                hash = current;
                LOG.info("one password check (PBKDF2-HMAC-SHA256, {} iterations) takes {} ms here", iterations,
                        (System.nanoTime() - started) / 1_000_000);
                store(current);
            }
            return current;
        }
    }

    private void store(String value) {
        try {
            SecretFiles.write(file, value.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            LOG.warn("cannot store the decoy hash in {}; the next start makes it again: {}", file, e.getMessage());
        }
    }
}
