package org.cubekvm.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Reads the built distribution folder ({@code platform/distribution/target/cubekvm}) the way the real
 * launcher does, so the tests boot exactly what ships and pick up bundles added later without
 * a hand-kept list. Used both by the Pax Exam driver (to build the options) and inside the
 * framework (to know which bundles must be running).
 */
final class DistributionFolder {
    /** System property naming the distribution folder; set by failsafe. */
    static final String DIST_DIR_PROPERTY = "cubekvm.dist.dir";
    /** Same prefix as the launcher's BundleJar: the platform recognises built-in bundles by it. */
    static final String LOCATION_PREFIX = "cubekvm:builtin:";
    /** The profile the tests run, as on a PC. */
    static final String PROFILE = "virtual";

    /** One jar of {@code bundles/<stage>/}. */
    record Jar(Path path, int stage, String symbolicName, String version, boolean fragment) {
        String location() {
            return LOCATION_PREFIX + path.getFileName();
        }
    }

    private DistributionFolder() {
    }

    static Path home() {
        String dir = System.getProperty(DIST_DIR_PROPERTY);
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("System property " + DIST_DIR_PROPERTY
                    + " is not set; run the integration tests through Maven (mvn verify -pl platform/itests)");
        }
        Path home = Paths.get(dir).toAbsolutePath().normalize();
        if (!Files.isDirectory(home.resolve("bundles"))) {
            throw new IllegalStateException("No distribution at " + home
                    + "; build it first: mvn -B -o install -DskipTests -pl platform/distribution");
        }
        return home;
    }

    /** The jars in start order (stage folders by name, then jars by name), minus those the profile excludes. */
    static List<Jar> bundles() throws IOException {
        Set<String> excluded = new HashSet<>(Arrays.asList(
                profileProperties().getProperty("bundles.exclude", "").trim().split("\\s*,\\s*")));
        Path root = home().resolve("bundles");
        List<Path> stages;
        try (Stream<Path> list = Files.list(root)) {
            stages = list.filter(Files::isDirectory).sorted().toList();
        }
        List<Jar> result = new ArrayList<>();
        for (int stage = 0; stage < stages.size(); stage++) {
            List<Path> jars;
            try (Stream<Path> list = Files.list(stages.get(stage))) {
                jars = list.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
            }
            for (Path jar : jars) {
                Jar bundle = read(jar, stage);
                if (!excluded.contains(bundle.symbolicName())) {
                    result.add(bundle);
                }
            }
        }
        return result;
    }

    static Jar read(Path path, int stage) throws IOException {
        try (JarFile jar = new JarFile(path.toFile())) {
            Manifest manifest = jar.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            if (name == null) {
                throw new IOException(path + " is not an OSGi bundle (no Bundle-SymbolicName)");
            }
            String version = manifest.getMainAttributes().getValue("Bundle-Version");
            return new Jar(path, stage, name.split(";")[0].trim(), version == null ? "0.0.0" : version.trim(),
                    manifest.getMainAttributes().getValue("Fragment-Host") != null);
        }
    }

    /** {@code conf/framework.properties}: what the launcher passes to every framework. */
    static Properties frameworkProperties() throws IOException {
        return load(home().resolve("conf").resolve("framework.properties"));
    }

    /** {@code config/<profile>/profile.properties} (absent means empty, as in the launcher). */
    static Properties profileProperties() throws IOException {
        return load(home().resolve("config").resolve(PROFILE).resolve("profile.properties"));
    }

    static String version() throws IOException {
        Path file = home().resolve("conf").resolve("version");
        return Files.exists(file) ? Files.readString(file).trim() : "dev";
    }

    /**
     * {@code config/common/*.cfg} overlaid by {@code config/<profile>/*.cfg}, one PID per file
     * ({@code factoryPid~name.cfg} for factory configurations), values trimmed like the launcher does.
     */
    static Map<String, Map<String, String>> configurations() throws IOException {
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        for (String folder : new String[] {"common", PROFILE}) {
            Path dir = home().resolve("config").resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> list = Files.list(dir)) {
                files = list.filter(p -> p.getFileName().toString().endsWith(".cfg")).sorted().toList();
            }
            for (Path file : files) {
                String name = file.getFileName().toString();
                Properties properties = new Properties();
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
                Map<String, String> values = result.computeIfAbsent(name.substring(0, name.length() - 4),
                        k -> new LinkedHashMap<>());
                for (String key : properties.stringPropertyNames()) {
                    values.put(key, properties.getProperty(key).trim());
                }
            }
        }
        return result;
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
        }
        return properties;
    }
}
