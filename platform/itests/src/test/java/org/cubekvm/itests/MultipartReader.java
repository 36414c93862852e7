package org.cubekvm.itests;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads the parts of a {@code multipart/x-mixed-replace; boundary=frame} stream (docs/api.md, Video). */
final class MultipartReader implements AutoCloseable {
    /** One part: its headers (lower-case names) and its body. */
    record Part(Map<String, String> headers, byte[] body) {
        long seq() {
            return Long.parseLong(headers.get("x-frame-seq"));
        }
    }

    private final InputStream in;

    MultipartReader(InputStream in) {
        this.in = new BufferedInputStream(in);
    }

    /** @return the next part, or null when the stream ended (closing boundary or end of stream) */
    Part next() throws IOException {
        String boundary = line();
        while (boundary != null && boundary.isEmpty()) {
            boundary = line();
        }
        if (boundary == null || boundary.equals("--frame--")) {
            return null;
        }
        if (!boundary.equals("--frame")) {
            throw new IOException("expected the boundary --frame, got '" + boundary + "'");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.get("content-length"));
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new IOException("the stream ended inside a part");
        }
        return new Part(headers, body);
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        int c = in.read();
        if (c < 0) {
            return null;
        }
        for (; c >= 0 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
