package org.cubekvm.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the framework's built-in bundles match the distribution: new jars are installed,
 * changed ones updated, vanished (or profile-excluded) ones uninstalled. Bundles installed
 * through the console have other locations and are left alone. What was installed last
 * time is remembered as size/time stamps in {@code <data>/builtin-bundles.properties}.
 */
final class BuiltInSync {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.launcher");

    private final Path stampsFile;

    BuiltInSync(Path dataDir) {
        this.stampsFile = dataDir.resolve("builtin-bundles.properties");
    }

    /** @return the framework bundle of every jar, in the jars' order */
    List<Bundle> apply(BundleContext context, List<BundleJar> jars) throws IOException {
        Properties known = load();
        Map<String, Bundle> installed = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().startsWith(BundleJar.LOCATION_PREFIX)) {
                installed.put(bundle.getLocation(), bundle);
            }
        }
        Properties current = new Properties();
        List<Bundle> result = new ArrayList<>();
        for (BundleJar jar : jars) {
            Bundle bundle = installed.remove(jar.location());
            try {
                if (bundle == null) {
                    try (InputStream in = Files.newInputStream(jar.path())) {
                        bundle = context.installBundle(jar.location(), in);
                    }
                    LOG.debug("installed {}", jar.symbolicName());
                } else if (!jar.stamp().equals(known.getProperty(jar.location()))) {
                    try (InputStream in = Files.newInputStream(jar.path())) {
                        bundle.update(in);
                    }
                    LOG.info("updated built-in bundle {} from the distribution", jar.symbolicName());
                }
                current.setProperty(jar.location(), jar.stamp());
                result.add(bundle);
            } catch (BundleException e) {
                LOG.error("bundle {} could not be installed: {}", jar.path().getFileName(), OneLine.of(e));
            }
        }
        for (Bundle stale : installed.values()) {
            try {
                LOG.info("uninstalling built-in bundle {}: not part of this distribution or profile", stale.getSymbolicName());
                stale.uninstall();
            } catch (BundleException e) {
                LOG.error("bundle {} could not be uninstalled: {}", stale.getSymbolicName(), OneLine.of(e));
            }
        }
        store(current);
        return result;
    }

    private Properties load() throws IOException {
        Properties properties = new Properties();
        if (Files.exists(stampsFile)) {
            try (InputStream in = Files.newInputStream(stampsFile)) {
                properties.load(in);
            }
        }
        return properties;
    }

    private void store(Properties properties) throws IOException {
        Path temp = stampsFile.resolveSibling(stampsFile.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            properties.store(out, "size@mtime of the built-in bundles last installed from the distribution");
        }
        Files.move(temp, stampsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
