package org.cubekvm.webui.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file of the web root, read once (the whole UI is a few tens of KiB). Files are not
 * content-hashed by the build, so every response says {@code Cache-Control: no-cache}: the
 * browser keeps its copy and revalidates it with the ETag (a 304 costs a few bytes).
 */
record StaticFile(String path, byte[] bytes, String etag, String contentType) {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.webui");

    static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html;charset=utf-8"),
            Map.entry("js", "text/javascript;charset=utf-8"),
            Map.entry("mjs", "text/javascript;charset=utf-8"),
            Map.entry("css", "text/css;charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain;charset=utf-8"));

    /**
     * No inline script or style anywhere in the UI, so the page can forbid them: only this
     * server's own files, WebSockets and blob images (decoded video frames).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' blob: data:; media-src 'self' blob:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    static StaticFile load(String path, URL url) {
        try (InputStream in = url.openStream()) {
            byte[] bytes = in.readAllBytes();
            return new StaticFile(path, bytes, etagOf(bytes), contentTypeOf(path));
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", path, e.toString());
            return null;
        }
    }

    static String contentTypeOf(String path) {
        int dot = path.lastIndexOf('.');
        String extension = dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    static String etagOf(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static boolean etagMatches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag) || "*".equals(tag)) {
                return true;
            }
        }
        return false;
    }

    void writeHeaders(HttpServletResponse response) {
        response.setContentType(contentType);
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        String policy = contentSecurityPolicyFor(contentType);
        if (policy != null) {
            response.setHeader("Content-Security-Policy", policy);
        }
        if (contentType.startsWith("text/html")) {
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Referrer-Policy", "no-referrer");
        }
    }

    /**
     * The page's policy for HTML and for scripts: a worker (the H.264 decoder) runs under the
     * policy delivered with its own script, so a script must not keep the HTTP core's
     * {@code default-src 'none'} (the worker could neither import its modules nor open its
     * WebSocket). Other files keep that default (null: not replaced).
     */
    static String contentSecurityPolicyFor(String contentType) {
        return contentType.startsWith("text/html") || contentType.startsWith("text/javascript") ? CONTENT_SECURITY_POLICY : null;
    }
}
