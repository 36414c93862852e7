package org.cubekvm.api;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The public signature of every exported package of the API bundle: its version (from the
 * manifest bnd wrote) and one line per public type and public/protected member, sorted.
 */
final class ApiSignatures {
    /** Package → version and signature lines. */
    record PackageSignature(String version, TreeSet<String> lines) {
    }

    private ApiSignatures() {
    }

    static Map<String, PackageSignature> of(Path classes) throws IOException, ClassNotFoundException {
        Map<String, PackageSignature> result = new TreeMap<>();
        for (Map.Entry<String, String> export : exports(classes.resolve("META-INF/MANIFEST.MF")).entrySet()) {
            result.put(export.getKey(), new PackageSignature(export.getValue(), new TreeSet<>()));
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().equals("package-info.class"))
                    .toList();
        }
        for (Path file : files) {
            String name = classes.relativize(file).toString().replace('/', '.').replaceFirst("\\.class$", "");
            String packageName = name.substring(0, name.lastIndexOf('.'));
            PackageSignature signature = result.get(packageName);
            if (signature == null) {
                continue;
            }
            Class<?> type = Class.forName(name, false, ApiSignatures.class.getClassLoader());
            if (!Modifier.isPublic(type.getModifiers())) {
                continue;
            }
            describe(type, signature.lines());
        }
        return result;
    }

    private static void describe(Class<?> type, TreeSet<String> lines) {
        String name = type.getName();
        lines.add("type " + name + " " + Modifier.toString(type.getModifiers() & ~Modifier.STRICT) + " "
                + kind(type) + " extends " + (type.getGenericSuperclass() == null ? "-" : type.getGenericSuperclass().getTypeName())
                + " implements " + Arrays.stream(type.getGenericInterfaces()).map(t -> t.getTypeName()).sorted().toList()
                + annotations(type));
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                lines.add("component " + name + "." + component.getName() + " " + component.getGenericType().getTypeName());
            }
        }
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                lines.add("constant " + name + "." + constant);
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            int modifiers = method.getModifiers();
            if (method.isSynthetic() || !(Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers))) {
                continue;
            }
            lines.add("method " + name + "." + method.getName() + "("
                    + String.join(",", Arrays.stream(method.getGenericParameterTypes()).map(t -> t.getTypeName()).toList())
                    + ") " + method.getGenericReturnType().getTypeName() + " " + Modifier.toString(modifiers)
                    + (method.isDefault() ? " default" : "")
                    + " throws " + Arrays.stream(method.getGenericExceptionTypes()).map(t -> t.getTypeName()).sorted().toList());
        }
        for (var constructor : type.getDeclaredConstructors()) {
            int modifiers = constructor.getModifiers();
            if (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers)) {
                lines.add("constructor " + name + "("
                        + String.join(",", Arrays.stream(constructor.getGenericParameterTypes()).map(t -> t.getTypeName()).toList())
                        + ") " + Modifier.toString(modifiers));
            }
        }
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (!field.isSynthetic() && !field.isEnumConstant() && (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers))) {
                lines.add("field " + name + "." + field.getName() + " " + field.getGenericType().getTypeName() + " "
                        + Modifier.toString(modifiers));
            }
        }
    }

    private static String kind(Class<?> type) {
        return type.isAnnotation() ? "@interface" : type.isInterface() ? "interface" : type.isEnum() ? "enum"
                : type.isRecord() ? "record" : "class";
    }

    /** @ProviderType/@ConsumerType are CLASS-retention: read them from the class file's constant pool. */
    private static String annotations(Class<?> type) {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            String bytes = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            if (bytes.contains("Lorg/osgi/annotation/versioning/ProviderType;")) {
                return " @ProviderType";
            }
            if (bytes.contains("Lorg/osgi/annotation/versioning/ConsumerType;")) {
                return " @ConsumerType";
            }
            return "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> exports(Path manifestFile) throws IOException {
        Manifest manifest;
        try (InputStream in = Files.newInputStream(manifestFile)) {
            manifest = new Manifest(in);
        }
        String header = manifest.getMainAttributes().getValue("Export-Package");
        Map<String, String> result = new TreeMap<>();
        Matcher matcher = Pattern.compile("([\\w.]+);version=\"([^\"]+)\"").matcher(header == null ? "" : header);
        while (matcher.find()) {
            result.put(matcher.group(1), matcher.group(2));
        }
        return result;
    }

    /** The committed file's form: "package NAME VERSION" then its lines indented by two spaces. */
    static String format(Map<String, PackageSignature> signatures) {
        StringBuilder text = new StringBuilder("# Public API of org.cubekvm.api, checked by ApiSignatureTest; see docs/vendor-sdk.md\n");
        signatures.forEach((name, signature) -> {
            text.append("package ").append(name).append(' ').append(signature.version()).append('\n');
            signature.lines().forEach(line -> text.append("  ").append(line).append('\n'));
        });
        return text.toString();
    }

    static Map<String, PackageSignature> parse(List<String> lines) {
        Map<String, PackageSignature> result = new TreeMap<>();
        PackageSignature current = null;
        for (String line : lines) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            if (line.startsWith("package ")) {
                String[] parts = line.split(" ");
                current = new PackageSignature(parts[2], new TreeSet<>());
                result.put(parts[1], current);
            } else if (current != null) {
                current.lines().add(line.substring(2));
            }
        }
        return result;
    }

    static List<String> problems(Map<String, PackageSignature> recorded, Map<String, PackageSignature> now) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, PackageSignature> entry : recorded.entrySet()) {
            String name = entry.getKey();
            PackageSignature before = entry.getValue();
            PackageSignature after = now.get(name);
            if (after == null) {
                problems.add("package " + name + " is no longer exported: that breaks every bundle importing it");
                continue;
            }
            int[] v0 = version(before.version());
            int[] v1 = version(after.version());
            TreeSet<String> removed = new TreeSet<>(before.lines());
            removed.removeAll(after.lines());
            TreeSet<String> added = new TreeSet<>(after.lines());
            added.removeAll(before.lines());
            if (!removed.isEmpty() && v1[0] <= v0[0]) {
                problems.add("package " + name + " changed incompatibly (removed or changed: " + removed.first()
                        + (removed.size() > 1 ? " and " + (removed.size() - 1) + " more" : "") + ") but its major version is still "
                        + v1[0] + "; raise it in package-info.java (@Version) or undo the change");
            } else if (!added.isEmpty() && removed.isEmpty() && compare(v1, v0) <= 0) {
                problems.add("package " + name + " gained " + added.first() + (added.size() > 1 ? " and " + (added.size() - 1)
                        + " more" : "") + " but its version is still " + after.version()
                        + "; raise the minor version in package-info.java (@Version)");
            } else if (compare(v1, v0) < 0) {
                problems.add("package " + name + " went down from " + before.version() + " to " + after.version());
            }
        }
        return problems;
    }

    private static int[] version(String text) {
        String[] parts = text.split("\\.");
        int[] result = new int[3];
        for (int i = 0; i < 3 && i < parts.length; i++) {
            result[i] = Integer.parseInt(parts[i]);
        }
        return result;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }
}
