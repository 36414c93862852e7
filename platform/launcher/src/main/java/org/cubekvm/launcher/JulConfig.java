package org.cubekvm.launcher;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Jersey, HK2 and osgitech log through java.util.logging: one line per record in the same
 * shape as the rest, and only what is really wrong (their start-up warnings are noise).
 */
final class JulConfig {
    /** JUL holds loggers weakly: keep the configured ones alive. */
    private static final List<Logger> CONFIGURED = List.of(Logger.getLogger(""), Logger.getLogger("org.glassfish"),
            Logger.getLogger("org.eclipse.osgitech"));

    private JulConfig() {
    }

    static void apply() {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT.%1$tL [jul] %4$s %3$s - %5$s%6$s%n");
        CONFIGURED.get(0).setLevel(Level.WARNING);
        CONFIGURED.get(1).setLevel(Level.SEVERE);
        CONFIGURED.get(2).setLevel(Level.SEVERE);
    }
}
