package org.cubekvm.auth.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.cubekvm.common.files.SecretFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first-start setup code: made while no user exists, shown in the log and in the data
 * directory's {@code setup-code} file (owner only), and used up by creating the first admin.
 */
final class SetupCode {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.auth");

    private final Path file;
    private volatile String code;

    SetupCode(Path file) {
        this.file = file;
    }

    /** Makes a new code and writes it to the file. */
    void create() throws IOException {
        String made = Secrets.setupCode();
        SecretFiles.write(file, (made + "\n").getBytes(StandardCharsets.US_ASCII));
        code = made;
        LOG.warn("no users yet. First-start setup code: {} (also in {}); open the web UI and create the first"
                + " admin with it", made, file);
    }

    /** Users exist: a file left from an earlier start goes. */
    void removeStale() throws IOException {
        Files.deleteIfExists(file);
    }

    /** Whether a code is waiting to be used. */
    boolean pending() {
        return code != null;
    }

    /** Compares in constant time, ignoring case and surrounding blanks. */
    boolean matches(String given) {
        String current = code;
        return given != null && current != null
                && Secrets.equalsConstantTime(given.trim().toUpperCase(Locale.ROOT), current);
    }

    /** The first admin exists: the code is spent and its file removed. */
    void consume() {
        code = null;
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not remove the used setup-code file: {}", e.toString());
        }
    }
}
