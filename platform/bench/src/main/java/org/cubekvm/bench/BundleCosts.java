package org.cubekvm.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classes and metaspace per class loader ({@code jcmd VM.classloader_stats}), attributed to a
 * bundle by the classes each loader defined ({@code jcmd VM.classloaders show-classes}): Felix
 * names a bundle's loader nowhere else. A bundle's own classes only; what Jersey builds for a
 * resource is counted under Jersey.
 */
final class BundleCosts {
    private static final Pattern STATS_ROW = Pattern.compile(
            "^(0x[0-9a-f]+)\\s+(0x[0-9a-f]+)\\s+(0x[0-9a-f]+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern HIDDEN_ROW = Pattern.compile("^\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+\\+ hidden classes");

    private BundleCosts() {
    }

    static Map<String, Object> read(Platform platform, JsonArray bundles) throws IOException, InterruptedException {
        Map<String, String> packageToBundle = new HashMap<>();
        // A class's package → the bundle exporting or containing it is not available over REST;
        // attribute by the class name prefix a bundle's symbolic name suggests, then by loader type.
        List<String> names = new ArrayList<>();
        for (JsonElement bundle : bundles) {
            names.add(bundle.getAsJsonObject().get("symbolicName").getAsString());
        }
        Map<String, List<String>> classesByLoaderData = classesByLoader(platform.jcmd("VM.classloaders", "show-classes", "verbose"));
        Map<String, long[]> costs = new TreeMap<>();
        long[] total = new long[2];
        for (String line : platform.jcmd("VM.classloader_stats").split("\n")) {
            Matcher row = STATS_ROW.matcher(line);
            if (!row.find()) {
                continue;
            }
            String cld = row.group(3);
            long classes = Long.parseLong(row.group(4));
            long chunk = Long.parseLong(row.group(5));
            String type = row.group(7);
            String owner = owner(type, classesByLoaderData.getOrDefault(cld, List.of()), names, packageToBundle);
            long[] cost = costs.computeIfAbsent(owner, k -> new long[2]);
            cost[0] += classes;
            cost[1] += chunk;
            total[0] += classes;
            total[1] += chunk;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        costs.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).forEach(entry -> {
            Map<String, Object> cost = new LinkedHashMap<>();
            cost.put("classes", entry.getValue()[0]);
            cost.put("metaspaceBytes", entry.getValue()[1]);
            result.put(entry.getKey(), cost);
        });
        return result;
    }

    private static String owner(String type, List<String> classes, List<String> bundleNames, Map<String, String> cache) {
        if (type.startsWith("<boot")) {
            return "<JDK boot loader>";
        }
        if (type.contains("PlatformClassLoader")) {
            return "<JDK platform loader>";
        }
        if (type.contains("AppClassLoader")) {
            return "<launcher class path: Felix framework, launcher, slf4j>";
        }
        if (type.contains("DelegatingClassLoader")) {
            return "<JDK reflection accessors>";
        }
        if (!type.contains("BundleClassLoader")) {
            return "<other loaders: " + type.replaceAll("\\$\\d+$", "") + ">";
        }
        String best = null;
        int bestLength = -1;
        for (String name : classes) {
            for (String bsn : bundleNames) {
                int length = matches(name, bsn);
                if (length > bestLength) {
                    best = bsn;
                    bestLength = length;
                }
            }
            if (best != null) {
                return best;
            }
        }
        return classes.isEmpty() ? "<bundle loader without classes>" : "<bundle of " + classes.get(0) + ">";
    }

    /** How well a class name fits the bundle of that symbolic name: its package prefix's length, -1 if not at all. */
    private static int matches(String className, String bsn) {
        String prefix = switch (bsn) {
            case "org.cubekvm.native" -> "org.cubekvm.nativebridge";
            case "org.apache.felix.http.jetty12" -> "org.apache.felix.http";
            case "org.apache.felix.configadmin" -> "org.apache.felix.cm";
            case "org.apache.felix.http.servlet-api" -> "jakarta.servlet";
            case "com.google.gson" -> "com.google.gson";
            case "org.objectweb.asm" -> "org.objectweb.asm";
            case "org.glassfish.hk2.locator" -> "org.jvnet.hk2.internal";
            case "org.glassfish.hk2.utils" -> "org.glassfish.hk2.utilities";
            case "org.glassfish.hk2.osgi-resource-locator" -> "org.glassfish.hk2.osgiresourcelocator";
            case "org.glassfish.hk2.external.aopalliance-repackaged" -> "org.aopalliance";
            case "org.glassfish.jersey.core.jersey-server" -> "org.glassfish.jersey.server";
            case "org.glassfish.jersey.core.jersey-common" -> "org.glassfish.jersey";
            case "org.glassfish.jersey.core.jersey-client" -> "org.glassfish.jersey.client";
            case "org.glassfish.jersey.containers.jersey-container-servlet-core" -> "org.glassfish.jersey.servlet";
            case "org.glassfish.jersey.inject.jersey-hk2" -> "org.glassfish.jersey.inject.hk2";
            case "org.glassfish.jersey.media.jersey-media-jaxb" -> "org.glassfish.jersey.jaxb";
            case "org.glassfish.jersey.media.jersey-media-sse" -> "org.glassfish.jersey.media.sse";
            case "org.eclipse.osgitech.rest" -> "org.eclipse.osgitech.rest";
            case "jakarta.ws.rs-api" -> "jakarta.ws.rs";
            case "jakarta.inject.jakarta.inject-api" -> "jakarta.inject";
            case "jakarta.annotation-api" -> "jakarta.annotation";
            case "jakarta.xml.bind-api" -> "jakarta.xml.bind";
            case "jakarta.activation-api" -> "jakarta.activation";
            case "jakarta.validation.jakarta.validation-api" -> "jakarta.validation";
            case "org.apache.commons.commons-io" -> "org.apache.commons.io";
            case "org.apache.commons.commons-fileupload" -> "org.apache.commons.fileupload";
            case "org.osgi.service.jakartars" -> "org.osgi.service.jakartars";
            default -> bsn;
        };
        if (className.startsWith("org.eclipse.jetty.") && bsn.equals("org.apache.felix.http.jetty12")) {
            return "org.eclipse.jetty".length();
        }
        return className.startsWith(prefix + ".") ? prefix.length() : -1;
    }

    /** Loader data address → the classes it defined, from the VM.classloaders tree. */
    private static Map<String, List<String>> classesByLoader(String tree) {
        Map<String, List<String>> result = new HashMap<>();
        List<String> current = null;
        boolean inClasses = false;
        for (String raw : tree.split("\n")) {
            String line = raw.replaceAll("^[\\s|+\\-]*", "");
            if (line.startsWith("Loader Data:")) {
                current = new ArrayList<>();
                result.put(line.substring("Loader Data:".length()).trim(), current);
                inClasses = false;
            } else if (line.startsWith("Classes:") || line.startsWith("Hidden Classes:")) {
                inClasses = true;
                String first = line.substring(line.indexOf(':') + 1).trim();
                if (current != null && !first.isEmpty()) {
                    current.add(first.split("\\s+")[0]);
                }
            } else if (inClasses && current != null) {
                if (line.isEmpty() || line.startsWith("(")) {
                    inClasses = false;
                } else {
                    current.add(line.split("\\s+")[0]);
                }
            }
        }
        return result;
    }
}
