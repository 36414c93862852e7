package org.cubekvm.console.internal;

import org.cubekvm.api.rest.ApiError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.cubekvm.api.rest.ApiException;

/**
 * Streams an uploaded jar to a file, never holding it in memory: a raw body
 * ({@code application/java-archive}) or the first file part of {@code multipart/form-data}.
 * At most {@link #MAX_JAR_BYTES}; the file is deleted when the upload fails.
 */
final class Uploads {
    /** Largest accepted bundle jar. */
    static final long MAX_JAR_BYTES = 32L * 1024 * 1024;
    /** Largest multipart part header block. */
    private static final int MAX_PART_HEADER_BYTES = 8 * 1024;

    private Uploads() {
    }

    static Path receive(InputStream body, String contentType, Path folder) {
        if (body == null) {
            throw ApiException.badRequest("The body must be the bundle's jar");
        }
        Path file;
        try {
            Files.createDirectories(folder);
            file = Files.createTempFile(folder, "upload-", ".jar");
        } catch (IOException e) {
            throw new ApiException(500, "upload_failed", "The upload could not be stored: " + e.getMessage());
        }
        boolean done = false;
        try (OutputStream out = Files.newOutputStream(file)) {
            String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
            if (type.startsWith("multipart/form-data")) {
                copyFirstPart(body, boundary(contentType), out);
            } else {
                copyBounded(body, out);
            }
            done = true;
            return file;
        } catch (IOException e) {
            throw ApiException.badRequest("The upload could not be read: " + ApiError.printable(e.getMessage()));
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a stray temp file; the uploads folder is emptied at start
                }
            }
        }
    }

    private static void copyBounded(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
            if (total > MAX_JAR_BYTES) {
                throw tooLarge();
            }
            out.write(buffer, 0, n);
        }
    }

    private static String boundary(String contentType) {
        for (String parameter : contentType.split(";")) {
            String p = parameter.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String value = p.substring("boundary=".length()).replace("\"", "");
                if (!value.isEmpty() && value.length() <= 70) {
                    return value;
                }
            }
        }
        throw ApiException.badRequest("The multipart upload has no valid boundary");
    }

    /** Copies the body of the first part that has a filename, up to the next boundary. */
    private static void copyFirstPart(InputStream in, String boundary, OutputStream out) throws IOException {
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        // The body starts with "--boundary" (no CRLF before it): pretend one was there.
        java.io.PushbackInputStream body = new java.io.PushbackInputStream(in, 2);
        body.unread("\r\n".getBytes(StandardCharsets.US_ASCII));
        while (true) {
            if (!skipPast(body, delimiter)) {
                throw ApiException.badRequest("The multipart upload has no file part");
            }
            String headers = readHeaders(body);
            if (headers == null) {
                throw ApiException.badRequest("The multipart upload has no file part");
            }
            if (headers.toLowerCase(Locale.ROOT).contains("filename=")) {
                copyUntil(body, delimiter, out);
                return;
            }
        }
    }

    private static boolean skipPast(InputStream in, byte[] delimiter) throws IOException {
        int matched = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            matched = b == (delimiter[matched] & 0xff) ? matched + 1 : (b == (delimiter[0] & 0xff) ? 1 : 0);
            if (matched == delimiter.length) {
                return true;
            }
        }
        return false;
    }

    /** @return the part's header block, or null after the closing boundary ("--") */
    private static String readHeaders(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int b = in.read(); b >= 0; b = in.read()) {
            text.append((char) b);
            if (text.length() == 2 && text.toString().equals("--")) {
                return null;
            }
            if (text.length() > MAX_PART_HEADER_BYTES) {
                throw ApiException.badRequest("A multipart part header is longer than " + MAX_PART_HEADER_BYTES + " bytes");
            }
            if (text.length() >= 4 && text.substring(text.length() - 4).equals("\r\n\r\n")) {
                return text.toString();
            }
        }
        return null;
    }

    /** Streams bytes to out until the delimiter, keeping only a delimiter-sized window back. */
    private static void copyUntil(InputStream in, byte[] delimiter, OutputStream out) throws IOException {
        java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(out, 16 * 1024);
        byte[] window = new byte[delimiter.length];
        int filled = 0;
        long total = 0;
        java.io.BufferedInputStream body = new java.io.BufferedInputStream(in, 16 * 1024);
        for (int b = body.read(); b >= 0; b = body.read()) {
            window[filled++] = (byte) b;
            // Is the window a prefix of the delimiter? Emit bytes from its front until it is.
            while (filled > 0 && !isPrefix(window, filled, delimiter)) {
                buffered.write(window[0]);
                if (++total > MAX_JAR_BYTES) {
                    throw tooLarge();
                }
                System.arraycopy(window, 1, window, 0, --filled);
            }
            if (filled == delimiter.length) {
                buffered.flush();
                return;
            }
        }
        throw ApiException.badRequest("The multipart upload ended inside the file part");
    }

    private static boolean isPrefix(byte[] window, int length, byte[] delimiter) {
        for (int i = 0; i < length; i++) {
            if (window[i] != delimiter[i]) {
                return false;
            }
        }
        return true;
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "too_large", "A bundle jar may have at most " + MAX_JAR_BYTES + " bytes");
    }
}
