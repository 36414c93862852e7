package org.ops4j.pax.url.cubekvm;

import java.io.IOException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

/**
 * Opens {@code cubekvm:builtin:<jar name>}, the location under which the real launcher installs
 * the distribution's bundles, by finding that jar in {@code <dist>/bundles/<stage>/}.
 *
 * <p>Why it exists: the platform tells built-in bundles from console-installed ones by their
 * location ({@code /healthz} only counts built-in ones, the console reports {@code builtIn}).
 * Pax Exam installs a bundle from its URL string, so to boot the bundles under their real
 * locations the JVM must know this scheme. Why this package: the native container sets
 * {@code java.protocol.handler.pkgs=org.ops4j.pax.url} (overwriting any value of ours) right
 * before Felix reads it, and both the JDK and Felix then load {@code <pkg>.<scheme>.Handler}
 * from the class path; a class here is the one place both will find.
 */
public class Handler extends URLStreamHandler {
    private static final String PREFIX = "builtin:";

    @Override
    protected URLConnection openConnection(URL url) throws IOException {
        String path = url.getPath();
        if (!path.startsWith(PREFIX) || path.length() == PREFIX.length() || path.contains("/")) {
            throw new IOException("Not a built-in bundle location: " + url);
        }
        String name = path.substring(PREFIX.length());
        String dist = System.getProperty("cubekvm.dist.dir");
        if (dist == null) {
            throw new IOException("cubekvm.dist.dir is not set, so " + url + " cannot be found");
        }
        Path bundles = Paths.get(dist).resolve("bundles");
        try (Stream<Path> stages = Files.list(bundles)) {
            Path jar = stages.map(stage -> stage.resolve(name)).filter(Files::isRegularFile).findFirst()
                    .orElseThrow(() -> new IOException("No " + name + " in any stage of " + bundles));
            return jar.toUri().toURL().openConnection();
        }
    }
}
