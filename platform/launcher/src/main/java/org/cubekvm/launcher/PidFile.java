package org.cubekvm.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code <data>/cubekvm.pid}: one platform per data directory. */
final class PidFile {
    private final Path path;

    PidFile(Path dataDir) {
        this.path = dataDir.resolve("cubekvm.pid");
    }

    /** Writes this process's PID; fails if another live process holds the data directory. */
    void claim() throws IOException {
        Optional<Long> other = read().filter(pid -> pid != ProcessHandle.current().pid())
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        if (other.isPresent()) {
            throw new IOException("another CubeKVM (pid " + other.get() + ") is running with the data directory "
                    + path.getParent() + "; stop it or choose another --data");
        }
        Path temp = path.resolveSibling("cubekvm.pid.tmp");
        Files.writeString(temp, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        Files.move(temp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    void release() {
        try {
            if (read().filter(pid -> pid == ProcessHandle.current().pid()).isPresent()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // the next start overwrites a stale file
        }
    }

    private Optional<Long> read() {
        try {
            return Optional.of(Long.parseLong(Files.readString(path, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
