import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * <p>Usage: {@code java BouncyCastleSubset.java CLASSES OUT.jar LICENSE.txt JAR...}. Skips the work
 * when OUT.jar was made from the same jar files (their names, with the version, are its zip comment)
 * and is newer than every input.
 */
public final class BouncyCastleSubset {
    private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)");
    private static final String PREFIX = "org.bouncycastle.";
    /** Fixed entry time: the same inputs give the same jar bytes (and the same signature digest). */
    private static final FileTime EPOCH = FileTime.fromMillis(315532800000L);

    public static void main(String[] args) throws IOException {
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
        String inputs = "BouncyCastle subset of " + jars.stream().map(jar -> jar.getFileName().toString()).toList();
        if (upToDate(out, inputs, classes, license, jars)) {
            return;
        }
        Set<String> subset = closure(classes, jars);
        write(out, inputs, subset, license, jars);
        System.out.println("webrtc: " + subset.size() + " BouncyCastle classes embedded in " + out);
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

    private static void write(Path out, String inputs, Set<String> subset, Path license, List<Path> jars) throws IOException {
        Files.createDirectories(out.getParent());
        Path partial = out.resolveSibling(out.getFileName() + ".part");
        Set<String> missing = new TreeSet<>(subset);
        try (OutputStream file = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.setComment(inputs);
            put(zip, "META-INF/LICENSE-BouncyCastle.txt", Files.readAllBytes(license));
            for (Path jar : jars) {
                try (ZipFile source = new ZipFile(jar.toFile())) {
                    for (String name : subset) {
                        ZipEntry entry = source.getEntry(name.replace('.', '/') + ".class");
                        if (entry != null && missing.remove(name)) {
                            try (InputStream in = source.getInputStream(entry)) {
                                put(zip, entry.getName(), in.readAllBytes());
                            }
                        }
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            Files.delete(partial);
            throw new IllegalStateException("referenced but in none of the jars: " + missing);
        }
        Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING);
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
}
