package org.cubekvm.console.internal;

import org.cubekvm.api.rest.ApiError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * At start: if the journal says a bundle change was in progress when the platform stopped, puts
 * the previous state back — an interrupted install is removed, an interrupted update gets its
 * previous revision back (from the jar kept on disk) and started, an interrupted uninstall is
 * finished. Either the old revision or (for uninstall) none was asked for: never a half state.
 */
final class Recovery {
    private final BundleContext context;
    private final Journal journal;
    private final StoredJars jars;

    Recovery(BundleContext context, Journal journal, StoredJars jars) {
        this.context = context;
        this.journal = journal;
        this.jars = jars;
    }

    /** @return what was done, for the health report; null when nothing was interrupted */
    String run() {
        Journal.Entry entry = journal.read();
        if (entry == null) {
            return null;
        }
        Bundle bundle = context.getBundle(entry.location());
        String outcome;
        try {
            outcome = switch (entry.operation()) {
                case "install" -> undoInstall(entry, bundle);
                case "update" -> undoUpdate(entry, bundle);
                case "uninstall" -> finishUninstall(entry, bundle);
                default -> "The journal named an unknown operation '" + ApiError.printable(entry.operation()) + "'; nothing done";
            };
        } catch (BundleException | IOException | RuntimeException e) {
            outcome = "The interrupted " + entry.operation() + " of " + entry.symbolicName()
                    + " could not be undone: " + BundleFailures.describe(e);
            org.slf4j.LoggerFactory.getLogger("cubekvm.console").error("cubekvm.console: {}", outcome);
            journal.end();
            return outcome;
        }
        journal.end();
        org.slf4j.LoggerFactory.getLogger("cubekvm.console").warn("cubekvm.console: recovery: {}", outcome);
        return outcome;
    }

    private String undoInstall(Journal.Entry entry, Bundle bundle) throws BundleException {
        if (bundle != null) {
            bundle.uninstall();
        }
        jars.delete(entry.symbolicName());
        return "The install of " + entry.symbolicName() + " " + entry.newVersion()
                + " was interrupted by a restart and was undone: it is not installed";
    }

    private String undoUpdate(Journal.Entry entry, Bundle bundle) throws BundleException, IOException {
        String name = entry.symbolicName();
        Path previous = Files.exists(jars.previous(name)) ? jars.previous(name) : null;
        if (previous != null) {
            jars.demote(name);
            try (InputStream in = Files.newInputStream(jars.current(name))) {
                if (bundle == null) {
                    bundle = context.installBundle(entry.location(), in);
                } else {
                    bundle.update(in);
                }
            }
        }
        if (bundle == null) {
            return "The update of " + name + " was interrupted and its previous jar is gone: it is not installed";
        }
        if (!entry.location().startsWith(BundleManager.LOCATION_PREFIX)) {
            // A built-in bundle's copy was only kept for this rollback.
            jars.delete(name);
        }
        bundle.start();
        return "The update of " + name + " from " + entry.previousVersion() + " to " + entry.newVersion()
                + " was interrupted by a restart; the previous revision " + bundle.getVersion() + " is "
                + BundleStates.name(bundle.getState());
    }

    private String finishUninstall(Journal.Entry entry, Bundle bundle) throws BundleException {
        if (bundle != null) {
            bundle.uninstall();
        }
        if (entry.location().startsWith(BundleManager.LOCATION_PREFIX)) {
            jars.delete(entry.symbolicName());
        }
        return "The uninstall of " + entry.symbolicName() + " was interrupted by a restart and was finished";
    }
}
