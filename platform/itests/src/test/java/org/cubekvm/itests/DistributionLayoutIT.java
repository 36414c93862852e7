package org.cubekvm.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The assembled distribution folder has what bin/cubekvm and the launcher rely on. */
class DistributionLayoutIT {
    private final Path home = DistributionFolder.home();

    @Test
    void startScriptIsExecutable() {
        Path script = home.resolve("bin/cubekvm");
        assertTrue(Files.isRegularFile(script), script + " is missing");
        assertTrue(Files.isExecutable(script), script + " is not executable");
    }

    @Test
    void jvmOptionsAndFrameworkPropertiesExist() throws IOException {
        for (String name : new String[] {"jvm-device.options", "jvm-pc.options", "framework.properties", "version"}) {
            Path file = home.resolve("conf").resolve(name);
            assertTrue(Files.isRegularFile(file), file + " is missing");
            assertTrue(Files.size(file) > 0, file + " is empty");
        }
    }

    @Test
    void libHoldsTheLauncherAndItsClassPath() throws IOException {
        Path launcher = home.resolve("lib/cubekvm-launcher.jar");
        assertTrue(Files.isRegularFile(launcher), launcher + " is missing");
        try (JarFile jar = new JarFile(launcher.toFile())) {
            assertNotNull(jar.getEntry("org/cubekvm/launcher/Main.class"), "the launcher jar has no Main class");
        }
        // bin/cubekvm runs with -cp lib/*: the framework and SLF4J (exported to bundles) must be there too.
        for (String name : new String[] {"org.apache.felix.framework.jar", "slf4j-api.jar", "slf4j-simple.jar"}) {
            assertTrue(Files.isRegularFile(home.resolve("lib").resolve(name)), "lib/" + name + " is missing");
        }
    }

    @Test
    void everyJarInBundlesIsAnOsgiBundle() throws IOException {
        List<Path> jars;
        try (Stream<Path> walk = Files.walk(home.resolve("bundles"))) {
            jars = walk.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
        assertFalse(jars.isEmpty(), "no jars under bundles/");
        List<String> problems = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path jar : jars) {
            if (!jar.getParent().getParent().equals(home.resolve("bundles"))) {
                problems.add(home.relativize(jar) + " is not directly in a stage folder bundles/<stage>/");
            }
            try (JarFile file = new JarFile(jar.toFile())) {
                Attributes main = file.getManifest() == null ? null : file.getManifest().getMainAttributes();
                if (main == null || main.getValue("Bundle-SymbolicName") == null) {
                    problems.add(home.relativize(jar) + " has no Bundle-SymbolicName");
                    continue;
                }
                if (!"2".equals(main.getValue("Bundle-ManifestVersion"))) {
                    problems.add(home.relativize(jar) + " is not an R4+ bundle (Bundle-ManifestVersion "
                            + main.getValue("Bundle-ManifestVersion") + ")");
                }
                String name = main.getValue("Bundle-SymbolicName").split(";")[0].trim();
                Path other = seen.put(name, jar);
                if (other != null) {
                    problems.add(name + " is shipped twice: " + home.relativize(other) + " and " + home.relativize(jar));
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /**
     * Issue 20: the build made the device options' AppCDS archive, and it is current: asked to make
     * it, bin/cubekvm finds nothing to do (it would otherwise announce a training start).
     */
    @Test
    void theBuildMadeACurrentAppCdsArchive() throws Exception {
        Assumptions.assumeFalse(Boolean.getBoolean("cubekvm.cds.skip"), "built with -Dcubekvm.cds.skip=true");
        Path archive = home.resolve("cds/device.jsa");
        assertTrue(Files.isRegularFile(archive) && Files.size(archive) > 0, archive + " is missing or empty");
        Process train = new ProcessBuilder(home.resolve("bin/cubekvm").toString(), "--jvm", "device", "--train-cds")
                .redirectErrorStream(true).start();
        String output = new String(train.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(train.waitFor(120, TimeUnit.SECONDS), "bin/cubekvm --train-cds did not end");
        assertEquals(0, train.exitValue(), output);
        assertEquals("", output.trim(), "the archive was stale: bin/cubekvm made it again");
    }

    @Test
    void configurationOfEveryProfileIsThere() {
        assertTrue(Files.isDirectory(home.resolve("config/common")), "config/common is missing");
        assertTrue(Files.isDirectory(home.resolve("config").resolve(DistributionFolder.PROFILE)),
                "config/" + DistributionFolder.PROFILE + " is missing");
    }
}
