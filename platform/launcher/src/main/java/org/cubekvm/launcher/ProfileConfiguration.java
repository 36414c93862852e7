package org.cubekvm.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The profile's default configuration: {@code config/common/*.cfg} overlaid by
 * {@code config/<profile>/*.cfg}, one file per PID (Java properties). A value the user changed
 * through ConfigAdmin wins: defaults only fill in keys that are missing.
 */
final class ProfileConfiguration {
    /** A name of the form {@code factoryPid~name.cfg} is a factory configuration. */
    static final char FACTORY_SEPARATOR = '~';

    private ProfileConfiguration() {
    }

    /** @return PID → default properties */
    static Map<String, Map<String, String>> load(Path home, String profile) throws IOException {
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        for (String folder : new String[] {"common", profile}) {
            Path dir = home.resolve("config").resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> list = Files.list(dir)) {
                for (Path file : list.filter(p -> p.getFileName().toString().endsWith(".cfg")).sorted().toList()) {
                    String name = file.getFileName().toString();
                    String pid = name.substring(0, name.length() - ".cfg".length());
                    Properties properties = new Properties();
                    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                        properties.load(reader);
                    }
                    Map<String, String> values = result.computeIfAbsent(pid, k -> new LinkedHashMap<>());
                    for (String key : properties.stringPropertyNames()) {
                        values.put(key, properties.getProperty(key).trim());
                    }
                }
            }
        }
        return result;
    }

    /** The properties to store: the existing ones plus every default key they lack; null when nothing changes. */
    static Dictionary<String, Object> merge(Dictionary<String, Object> existing, Map<String, String> defaults) {
        Hashtable<String, Object> merged = new Hashtable<>();
        if (existing != null) {
            for (String key : Collections.list(existing.keys())) {
                merged.put(key, existing.get(key));
            }
        }
        boolean changed = existing == null;
        for (Map.Entry<String, String> entry : defaults.entrySet()) {
            if (!merged.containsKey(entry.getKey())) {
                merged.put(entry.getKey(), entry.getValue());
                changed = true;
            }
        }
        return changed ? merged : null;
    }
}
