package org.cubekvm.console.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads memory figures of this process from {@code /proc/self/status} (0 where there is none). */
final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {
    }

    static long rssBytes() {
        return statusKibibytes("VmRSS:") * 1024L;
    }

    /** The value of a {@code /proc/self/status} line such as {@code "VmRSS:"}, in KiB. */
    static long statusKibibytes(String prefix) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(prefix)) {
                    return kibibytes(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    static long kibibytes(String statusLine) {
        String digits = statusLine.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }
}
