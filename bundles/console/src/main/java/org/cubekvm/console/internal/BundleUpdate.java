package org.cubekvm.console.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.cubekvm.api.rest.ApiError;
import org.cubekvm.api.rest.ApiException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * {@code PUT /api/platform/bundles/{id}}: replaces a bundle by an uploaded jar, all or nothing.
 * The bundle is stopped once, updated, refreshed (so the old revision and its class loader are
 * released) and started again if it was running; if any step fails, the previous jar (rebuilt
 * from the bundle's own entries) is put back the same way and the request fails.
 */
final class BundleUpdate {
    /** Largest accepted upload. */
    static final int MAX_JAR_BYTES = 32 * 1024 * 1024;
    private static final long REFRESH_TIMEOUT_SECONDS = 30;

    private BundleUpdate() {
    }

    static void apply(Bundle system, Bundle bundle, InputStream body) {
        byte[] jar = read(body);
        String symbolicName = symbolicName(jar);
        if (!symbolicName.equals(bundle.getSymbolicName())) {
            throw new ApiException(422, "symbolic_name_mismatch", "The uploaded jar is bundle '" + ApiError.printable(symbolicName)
                    + "', not " + bundle.getSymbolicName() + "; install it as a new bundle instead");
        }
        byte[] previous = snapshot(bundle);
        boolean wasActive = (bundle.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0;
        try {
            replace(system, bundle, jar, wasActive);
        } catch (BundleException | RuntimeException e) {
            String reason = BundleFailures.describe(e);
            try {
                replace(system, bundle, previous, wasActive);
            } catch (BundleException | RuntimeException restore) {
                throw new ApiException(500, "update_failed", "Bundle " + bundle.getSymbolicName() + " could not be updated ("
                        + reason + ") and the previous version could not be restored: " + BundleFailures.describe(restore));
            }
            throw new ApiException(422, "update_failed", "Bundle " + bundle.getSymbolicName()
                    + " could not be updated, the previous version is back: " + reason);
        }
    }

    private static void replace(Bundle system, Bundle bundle, byte[] jar, boolean start) throws BundleException {
        if ((bundle.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
            bundle.stop(Bundle.STOP_TRANSIENT);
        }
        bundle.update(new ByteArrayInputStream(jar));
        refresh(system, bundle);
        if (start) {
            bundle.start(Bundle.START_TRANSIENT);
            if (bundle.getState() != Bundle.ACTIVE) {
                throw new BundleException("it is " + BundleStates.name(bundle.getState()) + " after start");
            }
        }
    }

    private static void refresh(Bundle system, Bundle bundle) throws BundleException {
        CountDownLatch done = new CountDownLatch(1);
        system.adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> done.countDown());
        try {
            if (!done.await(REFRESH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new BundleException("the refresh did not finish within " + REFRESH_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BundleException("interrupted while refreshing");
        }
    }

    private static byte[] read(InputStream body) {
        if (body == null) {
            throw ApiException.badRequest("The body must be the bundle's jar");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        try {
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                if (out.size() + n > MAX_JAR_BYTES) {
                    throw new ApiException(413, "too_large", "A bundle jar may have at most " + MAX_JAR_BYTES + " bytes");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw ApiException.badRequest("The upload could not be read: " + BundleFailures.describe(e));
        }
        return out.toByteArray();
    }

    static String symbolicName(byte[] jar) {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest manifest = in.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            if (name == null || name.isBlank()) {
                throw new ApiException(422, "not_a_bundle", "The upload is not an OSGi bundle: its manifest has no Bundle-SymbolicName");
            }
            return name.split(";")[0].trim();
        } catch (IOException e) {
            throw new ApiException(422, "not_a_bundle", "The upload is not a jar: " + BundleFailures.describe(e));
        }
    }

    /** The bundle's current jar, rebuilt from its entries (manifest first), to restore it. */
    static byte[] snapshot(Bundle bundle) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            URL manifestUrl = bundle.getEntry("META-INF/MANIFEST.MF");
            Manifest manifest;
            try (InputStream in = manifestUrl.openStream()) {
                manifest = new Manifest(in);
            }
            try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
                Deque<String> folders = new ArrayDeque<>(List.of("/"));
                while (!folders.isEmpty()) {
                    Enumeration<String> paths = bundle.getEntryPaths(folders.pop());
                    while (paths != null && paths.hasMoreElements()) {
                        String path = paths.nextElement();
                        if (path.endsWith("/")) {
                            folders.push(path);
                            continue;
                        }
                        if (path.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                            continue;
                        }
                        out.putNextEntry(new JarEntry(path));
                        try (InputStream in = bundle.getEntry(path).openStream()) {
                            in.transferTo(out);
                        }
                        out.closeEntry();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new ApiException(500, "snapshot_failed", "The current version of " + bundle.getSymbolicName()
                    + " could not be saved for a rollback, so it was not updated: " + BundleFailures.describe(e));
        }
        return bytes.toByteArray();
    }
}
