package org.cubekvm.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The distribution's bundles: {@code bundles/<stage>/*.jar}, stages started in name order
 * (infrastructure first, CubeKVM's own last), minus those the profile excludes.
 */
final class Distribution {
    private Distribution() {
    }

    static List<BundleJar> bundles(Path home, Set<String> excludedNames, BundleHeadersCache headers) throws IOException {
        Path root = home.resolve("bundles");
        if (!Files.isDirectory(root)) {
            throw new IOException("the distribution has no bundles folder at " + root + "; build it with ./cubekvm run");
        }
        List<Path> stages;
        try (Stream<Path> list = Files.list(root)) {
            stages = list.filter(Files::isDirectory).sorted().toList();
        }
        List<BundleJar> result = new ArrayList<>();
        for (int stage = 0; stage < stages.size(); stage++) {
            List<Path> jars;
            try (Stream<Path> list = Files.list(stages.get(stage))) {
                jars = list.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
            }
            for (Path jar : jars) {
                BundleJar bundle = headers.read(jar, stage);
                if (!excludedNames.contains(bundle.symbolicName())) {
                    result.add(bundle);
                }
            }
        }
        return result;
    }
}
