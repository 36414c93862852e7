package org.cubekvm.webui.internal;

import java.util.regex.Pattern;

/** Request paths → file names of the web root; anything odd is refused (null). */
final class StaticPaths {
    /** Segments of letters, digits, '-', '_' and inner dots; none starts with a dot. */
    private static final Pattern SAFE = Pattern.compile("(/[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127})+");
    private static final int MAX_LENGTH = 512;

    private StaticPaths() {
    }

    /**
     * @param servletPath the servlet path (the whole path for the default servlet)
     * @param pathInfo    the path info, may be null
     * @return {@code /index.html} for {@code /}, the path when it is safe, else null
     */
    static String normalize(String servletPath, String pathInfo) {
        String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        if (path.isEmpty() || "/".equals(path)) {
            return "/index.html";
        }
        if (path.length() > MAX_LENGTH || !SAFE.matcher(path).matches() || path.contains("..")) {
            return null;
        }
        return path;
    }
}
