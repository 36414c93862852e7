package org.cubekvm.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.cubekvm.api.rest.ApiException;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The all-or-nothing replacement of a bundle and its rollback, against a fake bundle that keeps
 * its jar's entries, can be told to fail its next start, and records what the update did.
 */
class BundleUpdateTest {
    private final FakeBundle fake = new FakeBundle("org.example.feature", jar("org.example.feature", "1.0.0", "old"));
    private final Bundle bundle = fake.proxy();
    private final List<String> refreshed = new ArrayList<>();
    private final Bundle system = (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Bundle.class},
            (proxy, method, args) -> {
                if (method.getName().equals("adapt") && args[0] == FrameworkWiring.class) {
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {FrameworkWiring.class},
                            (p, m, a) -> {
                                if (m.getName().equals("refreshBundles")) {
                                    refreshed.add(fake.symbolicName);
                                    for (Object listener : (Object[]) a[1]) {
                                        ((FrameworkListener) listener).frameworkEvent(
                                                new FrameworkEvent(FrameworkEvent.PACKAGES_REFRESHED, bundle, null));
                                    }
                                }
                                return null;
                            });
                }
                return null;
            });

    @Test
    void anActiveBundleIsStoppedUpdatedRefreshedAndStartedWithTheNewJar() {
        BundleUpdate.apply(system, bundle, new ByteArrayInputStream(jar("org.example.feature", "2.0.0", "new")));
        assertEquals("new", fake.content());
        assertEquals("2.0.0", fake.version());
        assertEquals(Bundle.ACTIVE, fake.state);
        assertEquals(List.of("stop", "update", "start"), fake.calls);
        assertEquals(1, refreshed.size(), "the old revision is released by a refresh");
    }

    @Test
    void aStoppedBundleStaysStoppedAfterItsUpdate() {
        fake.state = Bundle.RESOLVED;
        BundleUpdate.apply(system, bundle, new ByteArrayInputStream(jar("org.example.feature", "2.0.0", "new")));
        assertEquals("new", fake.content());
        assertEquals(Bundle.RESOLVED, fake.state);
        assertEquals(List.of("update"), fake.calls);
    }

    @Test
    void aNewVersionThatFailsToStartIsRolledBackToTheSameEntriesAndStartedAgain() {
        fake.failStartsOf = "new";
        ApiException e = assertThrows(ApiException.class,
                () -> BundleUpdate.apply(system, bundle, new ByteArrayInputStream(jar("org.example.feature", "2.0.0", "new"))));
        assertEquals(422, e.status());
        assertEquals("update_failed", e.code());
        assertTrue(e.getMessage().contains("the previous version is back") && e.getMessage().contains("activator failed"),
                e.getMessage());
        assertEquals("old", fake.content(), "the previous jar, rebuilt from the bundle's entries, is back");
        assertEquals("1.0.0", fake.version());
        assertEquals(Bundle.ACTIVE, fake.state, "and running again, as it was");
        assertEquals(List.of("stop", "update", "start", "update", "start"), fake.calls);
        assertEquals(2, refreshed.size());
    }

    @Test
    void whenTheRollbackFailsTooTheAnswerIs500AndSaysBoth() {
        fake.failStartsOf = "*";
        ApiException e = assertThrows(ApiException.class,
                () -> BundleUpdate.apply(system, bundle, new ByteArrayInputStream(jar("org.example.feature", "2.0.0", "new"))));
        assertEquals(500, e.status());
        assertEquals("update_failed", e.code());
        assertTrue(e.getMessage().contains("could not be restored"), e.getMessage());
    }

    @Test
    void anotherBundlesJarIsRefusedBeforeAnythingChanges() {
        ApiException e = assertThrows(ApiException.class,
                () -> BundleUpdate.apply(system, bundle, new ByteArrayInputStream(jar("org.example.other", "2.0.0", "new"))));
        assertEquals(422, e.status());
        assertEquals("symbolic_name_mismatch", e.code());
        assertEquals("old", fake.content());
        assertEquals(List.of(), fake.calls);
    }

    @Test
    void aBodyThatIsNoBundleIsRefusedBeforeAnythingChanges() {
        ApiException notAJar = assertThrows(ApiException.class,
                () -> BundleUpdate.apply(system, bundle, new ByteArrayInputStream("hello".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(422, notAJar.status());
        assertEquals("not_a_bundle", notAJar.code());
        ApiException noName = assertThrows(ApiException.class,
                () -> BundleUpdate.apply(system, bundle, new ByteArrayInputStream(jar(null, "2.0.0", "new"))));
        assertEquals("not_a_bundle", noName.code());
        assertEquals(400, assertThrows(ApiException.class, () -> BundleUpdate.apply(system, bundle, null)).status());
        assertEquals(List.of(), fake.calls);
    }

    @Test
    void anUploadOverTheLimitIsRefusedWhileReading() {
        InputStream endless = new InputStream() {
            private long left = BundleUpdate.MAX_JAR_BYTES + 1L;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                left -= n;
                return n;
            }
        };
        ApiException e = assertThrows(ApiException.class, () -> BundleUpdate.apply(system, bundle, endless));
        assertEquals(413, e.status());
        assertEquals("too_large", e.code());
        assertEquals(List.of(), fake.calls);
    }

    /** A jar with a manifest naming the bundle (or none) and one entry, {@code data/content.txt}. */
    private static byte[] jar(String symbolicName, String version, String content) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (symbolicName != null) {
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        }
        manifest.getMainAttributes().putValue("Bundle-Version", version);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            out.putNextEntry(new JarEntry("data/content.txt"));
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** Holds the entries of its current jar; start fails for the content named by {@code failStartsOf} ("*": all). */
    private static final class FakeBundle {
        final String symbolicName;
        final List<String> calls = new ArrayList<>();
        final Map<String, byte[]> entries = new TreeMap<>();
        int state = Bundle.ACTIVE;
        String failStartsOf;

        FakeBundle(String symbolicName, byte[] jar) {
            this.symbolicName = symbolicName;
            load(jar);
        }

        String content() {
            return new String(entries.get("data/content.txt"), StandardCharsets.UTF_8);
        }

        String version() throws IllegalStateException {
            try {
                return new Manifest(new ByteArrayInputStream(entries.get("META-INF/MANIFEST.MF")))
                        .getMainAttributes().getValue("Bundle-Version");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private void load(byte[] jar) {
            entries.clear();
            try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
                ByteArrayOutputStream manifest = new ByteArrayOutputStream();
                in.getManifest().write(manifest);
                entries.put("META-INF/MANIFEST.MF", manifest.toByteArray());
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        Bundle proxy() {
            return (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Bundle.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getSymbolicName" -> symbolicName;
                        case "getState" -> state;
                        case "stop" -> {
                            calls.add("stop");
                            state = Bundle.RESOLVED;
                            yield null;
                        }
                        case "update" -> {
                            calls.add("update");
                            load(((InputStream) args[0]).readAllBytes());
                            yield null;
                        }
                        case "start" -> {
                            calls.add("start");
                            if ("*".equals(failStartsOf) || content().equals(failStartsOf)) {
                                throw new BundleException("activator failed");
                            }
                            state = Bundle.ACTIVE;
                            yield null;
                        }
                        case "getEntry" -> entries.containsKey((String) args[0]) ? url((String) args[0]) : null;
                        case "getEntryPaths" -> Collections.enumeration(children((String) args[0]));
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "fake bundle " + symbolicName;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        /** The direct children of a folder ("/" is the root), folders ending in "/", as OSGi lists them. */
        private List<String> children(String folder) {
            String prefix = folder.equals("/") ? "" : folder;
            List<String> result = new ArrayList<>();
            for (String path : entries.keySet()) {
                if (!path.startsWith(prefix) || path.equals(prefix)) {
                    continue;
                }
                String rest = path.substring(prefix.length());
                int slash = rest.indexOf('/');
                String child = prefix + (slash < 0 ? rest : rest.substring(0, slash + 1));
                if (!result.contains(child)) {
                    result.add(child);
                }
            }
            return result;
        }

        private URL url(String path) throws IOException {
            byte[] bytes = entries.get(path);
            return new URL(null, "fake:" + path, new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL u) {
                    return new URLConnection(u) {
                        @Override
                        public void connect() {
                        }

                        @Override
                        public InputStream getInputStream() {
                            return new ByteArrayInputStream(bytes);
                        }
                    };
                }
            });
        }
    }
}
