package org.cubekvm.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.cubekvm.testsupport.Await;
import org.junit.jupiter.api.Test;

/**
 * The BouncyCastle classes embedded in the bundle ({@code lib/bc-dtls.jar}, written after compile by
 * {@code src/build/BouncyCastleSubset.java}) are enough for a whole DTLS-SRTP session: the server side
 * runs in a class loader that has this module's classes and its class path except the BouncyCastle
 * jars, plus the subset, as Felix gives the bundle; the Java WHEP viewer (full BouncyCastle, the
 * test's own loader) connects, and an authenticated key frame arrives. A class the handshake needs
 * but the subset lacks fails it (NoClassDefFoundError on the handshake thread).
 */
class BouncyCastleSubsetTest {
    private static final Path SUBSET = Path.of("target/classes/lib/bc-dtls.jar");

    @Test
    @SuppressWarnings("unchecked")
    void aSessionWithTheServerSeeingOnlyTheEmbeddedSubsetConnectsAndDelivers() throws Exception {
        assertTrue(Files.isRegularFile(SUBSET), "the build wrote " + SUBSET);
        try (BundleLike bundleLike = new BundleLike(classPathWithSubsetInsteadOfBouncyCastle())) {
            Object server = bundleLike.loadClass(SubsetServerSide.class.getName()).getConstructor().newInstance();
            try (AutoCloseable closing = (AutoCloseable) server; WhepTestViewer viewer = new WhepTestViewer()) {
                viewer.connect(((Function<String, String>) server).apply(viewer.offer()));
                Thread thread = new Thread(viewer, "test-whep-viewer");
                thread.start();
                Await.until("DTLS-SRTP up with the subset", (BooleanSupplier) server);
                ((Runnable) server).run();
                Await.until("the key frame received", () -> viewer.frames == 1);
                assertEquals(0, viewer.rejected);
                assertFalse(bundleLike.defined("org.bouncycastle.tls.DTLSServerProtocol"),
                        "the handshake's BouncyCastle classes come from the DTLS class loader, not the bundle's");
                assertFalse(bundleLike.defined("org.cubekvm.webrtc.internal.dtls.DtlsServer"));
                viewer.close();
                thread.join(10_000);
                assertNull(viewer.failure);
            }
            assertThrows(ClassNotFoundException.class,
                    () -> bundleLike.loadClass("org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto"),
                    "a class outside the subset is not visible");
            assertTrue(bundleLike.loadClass("org.bouncycastle.tls.DTLSServerProtocol").getProtectionDomain().getCodeSource()
                    .getLocation().getPath().endsWith("bc-dtls.jar"), "BouncyCastle comes from the subset");
        }
    }

    /** The bundle's class loader, as far as this test needs it: which classes it defined itself. */
    private static final class BundleLike extends URLClassLoader {
        BundleLike(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        boolean defined(String name) {
            return findLoadedClass(name) != null;
        }
    }

    private static URL[] classPathWithSubsetInsteadOfBouncyCastle() throws Exception {
        List<URL> urls = new ArrayList<>();
        // Surefire's own property when it starts the test JVM through a manifest-only jar; java.class.path otherwise.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.contains(File.separator + "bouncycastle" + File.separator)) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        urls.add(SUBSET.toAbsolutePath().toUri().toURL());
        return urls.toArray(URL[]::new);
    }
}
