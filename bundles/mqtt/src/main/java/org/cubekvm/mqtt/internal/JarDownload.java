package org.cubekvm.mqtt.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Locale;

/**
 * Downloads a fleet command's jar with the JDK's {@link HttpURLConnection} (no client, pool or
 * thread kept between commands): http or https only, no redirects, connect and read time-outs, at
 * most {@link #MAX_BYTES} (refused up front when {@code Content-Length} says more, cut off when the
 * body runs past it) and at most {@link #MAX_MILLIS} in all, checked as the body is read.
 */
final class JarDownload {
    static final long MAX_BYTES = 32L * 1024 * 1024;
    static final int CONNECT_MILLIS = 10_000;
    static final int READ_MILLIS = 30_000;
    static final long MAX_MILLIS = 300_000;

    private JarDownload() {
    }

    static HttpURLConnection open(URI url) throws IOException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException("only http and https URLs are fetched");
        }
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setConnectTimeout(CONNECT_MILLIS);
        connection.setReadTimeout(READ_MILLIS);
        connection.setRequestProperty("Accept", "application/java-archive, application/octet-stream");
        return connection;
    }

    /** The body of a 200 answer, bounded in size and time. */
    static InputStream body(HttpURLConnection connection) throws IOException {
        int status = connection.getResponseCode();
        if (status != 200) {
            throw new IOException("the server answered " + status + (status / 100 == 3 ? " (redirects are not followed)" : ""));
        }
        long length = connection.getContentLengthLong();
        if (length > MAX_BYTES) {
            throw new IOException("the jar is " + length + " bytes; at most " + MAX_BYTES + " are fetched");
        }
        return new Bounded(connection.getInputStream(), MAX_BYTES, System.nanoTime() + MAX_MILLIS * 1_000_000L);
    }

    /** Fails the read once more than {@code max} bytes came or the deadline passed. */
    static final class Bounded extends FilterInputStream {
        private final long max;
        private final long deadlineNanos;
        private long count;

        Bounded(InputStream in, long max, long deadlineNanos) {
            super(in);
            this.max = max;
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new IOException("the download took longer than " + MAX_MILLIS / 1000 + " s");
            }
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
                if (count > max) {
                    throw new IOException("the jar is larger than " + max + " bytes");
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return Math.max(0, read(new byte[(int) Math.max(0, Math.min(n, 8192))]));
        }
    }
}
