package org.cubekvm.console.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the resident set size of this process from {@code /proc/self/status} (0 where there is none). */
final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {
    }

    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return kibibytes(line) * 1024L;
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
