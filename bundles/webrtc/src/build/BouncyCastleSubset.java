import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Build step of the webrtc bundle (run by exec-maven-plugin after compile, before bnd): writes the
 * BouncyCastle classes the bundle can reach into one small jar, embedded on its Bundle-ClassPath,
 * instead of shipping bcprov, bcutil and bctls (5 397 classes) as three bundles of their own.
 *
 * <p>The set is the transitive closure of class references ({@code jdeps -verbose:class}) from the
 * bundle's compiled classes into BouncyCastle, over the base (not META-INF/versions) classes of the
 * three jars. BouncyCastle's DTLS path loads no BouncyCastle class by name (its reflective look-ups
 * in the set name JDK classes: GCMParameterSpec, Cipher.updateAAD), so the static closure is
 * complete; the webrtc unit tests, WebRtcIT and the browser test run against it.
 *
 * <p>ProGuard then shrinks that set (no optimisation, no renaming): it keeps every class and member the
 * bundle's classes can reach and drops the rest, e.g. most of {@code TlsUtils} and {@code TlsProtocol},
 * which serve TLS, clients and other key exchanges too. Every handshake defines these classes again after
 * a release (docs/webrtc.md, "DTLS-SRTP"), so their size is metaspace at each first handshake.
 *
 * <p>Usage: {@code java -cp PROGUARD BouncyCastleSubset.java CLASSES OUT.jar LICENSE.txt JAR...}, with
 * ProGuard's class path. Skips the work when OUT.jar was made from the same jar files (their names, with
 * the version, are its zip comment) and is newer than every input.
 */
public final class BouncyCastleSubset {
    private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)");
    private static final String PREFIX = "org.bouncycastle.";
    /** Fixed entry time: the same inputs give the same jar bytes (and the same signature digest). */
    private static final FileTime EPOCH = FileTime.fromMillis(315532800000L);

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: BouncyCastleSubset CLASSES OUT.jar LICENSE.txt JAR...");
        }
        Path classes = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Path license = Path.of(args[2]);
        List<Path> jars = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            jars.add(Path.of(args[i]));
        }
        String inputs = "BouncyCastle subset, shrunk by ProGuard " + proguard.ProGuard.getVersion() + ", of "
                + jars.stream().map(jar -> jar.getFileName().toString()).toList();
        if (upToDate(out, inputs, classes, license, jars)) {
            return;
        }
        Set<String> subset = closure(classes, jars);
        Path work = Files.createTempDirectory("bc-dtls");
        try {
            Path closureJar = work.resolve("closure.jar");
            writeClosure(closureJar, subset, jars);
            Path shrunk = work.resolve("shrunk.jar");
            Path jdk = JdkClasses.extract(work.resolve("jdk"));
            // A copy of the bundle's class files alone: ProGuard would also read the jars in the class
            // directory, among them the previous build's lib/bc-dtls.jar.
            Path own = copyClassFiles(classes, work.resolve("own"));
            shrink(own, closureJar, jdk, shrunk);
            int written = write(out, inputs, shrunk, license);
            System.out.println("webrtc: " + written + " BouncyCastle classes (of " + subset.size()
                    + " reachable by class) embedded in " + out);
        } finally {
            delete(work);
        }
    }

    private static Set<String> closure(Path classes, List<Path> jars) {
        List<String> jdepsArgs = new ArrayList<>(List.of("--multi-release", "base", "-verbose:class", "-filter:none",
                classes.toString()));
        jars.forEach(jar -> jdepsArgs.add(jar.toString()));
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new IllegalStateException("no jdeps in this JDK"));
        StringWriter output = new StringWriter();
        StringWriter errors = new StringWriter();
        int status = jdeps.run(new PrintWriter(output), new PrintWriter(errors), jdepsArgs.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("jdeps failed (" + status + "): " + errors);
        }
        Map<String, Set<String>> edges = new HashMap<>();
        Set<String> roots = new TreeSet<>();
        for (String line : output.toString().split("\n")) {
            Matcher edge = EDGE.matcher(line);
            if (!edge.find() || !edge.group(2).startsWith(PREFIX)) {
                continue;
            }
            String from = edge.group(1);
            String to = edge.group(2);
            if (from.startsWith(PREFIX)) {
                edges.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
            } else {
                roots.add(to);
            }
        }
        if (roots.isEmpty()) {
            throw new IllegalStateException("no reference to BouncyCastle in " + classes);
        }
        Set<String> reached = new TreeSet<>(roots);
        Deque<String> pending = new ArrayDeque<>(roots);
        while (!pending.isEmpty()) {
            for (String next : edges.getOrDefault(pending.pop(), Set.of())) {
                if (reached.add(next)) {
                    pending.push(next);
                }
            }
        }
        return reached;
    }

    /** The closure's class files, from the first jar that has each, into one jar (ProGuard's input). */
    private static void writeClosure(Path jar, Set<String> subset, List<Path> jars) throws IOException {
        Set<String> missing = new TreeSet<>(subset);
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Path source : jars) {
                try (ZipFile in = new ZipFile(source.toFile())) {
                    for (String name : subset) {
                        ZipEntry entry = in.getEntry(name.replace('.', '/') + ".class");
                        if (entry != null && missing.remove(name)) {
                            try (InputStream bytes = in.getInputStream(entry)) {
                                put(zip, entry.getName(), bytes.readAllBytes());
                            }
                        }
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("referenced but in none of the jars: " + missing);
        }
    }

    /**
     * ProGuard's shrinking step alone: the bundle's classes are its roots (kept whole, written nowhere that
     * is used), the closure is shrunk into the jar {@code shrunk}, the JDK is the library. The bundle's
     * references to its other libraries (OSGi, servlets, Gson) are not given, so warnings are silenced for
     * its classes only: a BouncyCastle class that refers to something missing still fails the build.
     */
    private static void shrink(Path ownClasses, Path closureJar, Path jdk, Path shrunk) throws Exception {
        String[] options = {
            "-injars", ownClasses.toString(),
            "-outjars", ownClasses.resolveSibling("own-out").toString(),
            "-injars", closureJar.toString(),
            "-outjars", shrunk.toString(),
            "-libraryjars", jdk.toString(),
            "-dontoptimize",
            "-dontobfuscate",
            "-keepattributes", "*",
            "-keep", "class org.cubekvm.** { *; }",
            "-keepclassmembers",
            "enum org.bouncycastle.** { public static **[] values(); public static ** valueOf(java.lang.String); }",
            "-dontwarn", "org.cubekvm.**",
            "-dontnote",
        };
        proguard.Configuration configuration = new proguard.Configuration();
        try (proguard.ConfigurationParser parser = new proguard.ConfigurationParser(options, System.getProperties())) {
            parser.parse(configuration);
        }
        new proguard.ProGuard(configuration).execute();
    }

    /**
     * Copies every class file under {@code root}, but a module's {@code module-info.class}, to {@code target}.
     * @return {@code target}
     */
    private static Path copyClassFiles(Path root, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path source : walk.filter(p -> p.toString().endsWith(".class")).toList()) {
                String relative = root.relativize(source).toString();
                if (!relative.equals("module-info.class")) {
                    Path copy = target.resolve(relative);
                    Files.createDirectories(copy.getParent());
                    Files.copy(source, copy);
                }
            }
        }
        return target;
    }

    /**
     * The bundle's jar: the license and the shrunk class files in name order, with a fixed time (the same
     * inputs give the same bytes).
     */
    private static int write(Path out, String inputs, Path shrunk, Path license) throws IOException {
        Files.createDirectories(out.getParent());
        Path partial = out.resolveSibling(out.getFileName() + ".part");
        int written = 0;
        try (ZipFile in = new ZipFile(shrunk.toFile());
                OutputStream file = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.setComment(inputs);
            put(zip, "META-INF/LICENSE-BouncyCastle.txt", Files.readAllBytes(license));
            List<String> names = in.stream().map(ZipEntry::getName).filter(name -> name.endsWith(".class")).sorted()
                    .toList();
            for (String name : names) {
                try (InputStream bytes = in.getInputStream(in.getEntry(name))) {
                    put(zip, name, bytes.readAllBytes());
                }
                written++;
            }
        }
        Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING);
        return written;
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setLastModifiedTime(EPOCH);
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    /** Whether OUT.jar was made from these jars (its comment names them: a version change) and is newer than every input. */
    private static boolean upToDate(Path out, String inputs, Path classes, Path license, List<Path> jars) throws IOException {
        if (!Files.exists(out)) {
            return false;
        }
        try (ZipFile previous = new ZipFile(out.toFile())) {
            if (!inputs.equals(previous.getComment())) {
                return false;
            }
        }
        FileTime built = Files.getLastModifiedTime(out);
        List<Path> files = new ArrayList<>(jars);
        files.add(license);
        try (Stream<Path> walk = Files.walk(classes)) {
            walk.filter(p -> p.toString().endsWith(".class")).forEach(files::add);
        }
        for (Path input : files) {
            if (Files.getLastModifiedTime(input).compareTo(built) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The JDK's class files (java.base, and java.logging, which BouncyCastle's registrar logs through) as a
     * directory, ProGuard's library: read from the running JDK's jrt: image, so no jmods are needed.
     */
    private static final class JdkClasses {
        private static final List<String> MODULES = List.of("java.base", "java.logging");

        static Path extract(Path target) throws IOException {
            FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
            for (String module : MODULES) {
                copyClassFiles(jrt.getPath("modules", module), target);
            }
            return target;
        }
    }
}
