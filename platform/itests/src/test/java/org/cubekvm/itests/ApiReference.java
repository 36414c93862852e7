package org.cubekvm.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The endpoint rows of {@code docs/api.md}, read as its top section says: a table line
 * {@code | METHOD[/METHOD…] | /path | what |}, methods upper case ({@code WS} for a WebSocket),
 * backticks around the path allowed, and every {@code {param}} (or {@code {param: regex}})
 * standing for any path segment, written here as {@code x} like {@link Endpoints#concrete}.
 */
final class ApiReference {
    /** System property naming the file; set by failsafe. */
    static final String FILE_PROPERTY = "cubekvm.api.doc";

    private static final Pattern ROW = Pattern.compile(
            "^\\|\\s*([A-Z]+(?:/[A-Z]+)*)\\s*\\|\\s*`?(/[^\\s|`]*)`?\\s*\\|.*\\|\\s*$");

    /** "METHOD path" for every method of every row. */
    private final Set<String> rows = new HashSet<>();
    /** Every documented path, whatever its method. */
    private final Set<String> paths = new HashSet<>();

    private ApiReference() {
    }

    static Path file() {
        String name = System.getProperty(FILE_PROPERTY);
        if (name == null) {
            throw new IllegalStateException("system property " + FILE_PROPERTY + " (the path of docs/api.md) is not set");
        }
        return Path.of(name);
    }

    static ApiReference read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    static ApiReference parse(List<String> lines) {
        ApiReference reference = new ApiReference();
        for (String line : lines) {
            Matcher row = ROW.matcher(line.strip());
            if (!row.matches()) {
                continue;
            }
            String path = normalise(row.group(2));
            reference.paths.add(path);
            for (String method : row.group(1).split("/")) {
                reference.rows.add(method + " " + path);
            }
        }
        return reference;
    }

    /** Path parameters become {@code x}; no trailing slash (except the root). */
    static String normalise(String path) {
        String p = path.replaceAll("\\{[^}]*\\}", "x");
        return p.length() > 1 ? p.replaceAll("/+$", "") : p;
    }

    boolean documents(String method, String path) {
        return rows.contains(method.toUpperCase(Locale.ROOT) + " " + normalise(path));
    }

    boolean documentsPath(String path) {
        return paths.contains(normalise(path));
    }

    int size() {
        return rows.size();
    }
}
