package org.cubekvm.http.internal;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The largest request body each endpoint accepts, checked by {@link RequestBodyGate} before any
 * servlet, filter or JSON parser sees the request. Sized to what each endpoint needs: a login is
 * two short strings, a paste is 64 Ki characters. A path not listed gets {@link #DEFAULT_BYTES}.
 * {@link #STREAMED} marks the uploads that are read as a stream by their resources under their own
 * caps, after the access guard: bundle jars (32 MiB, admin) and media images (operator, the image
 * store's size and space checks).
 */
final class BodyLimits {
    /** Not buffered by the gate: the resource reads the stream itself under its own cap. */
    static final long STREAMED = -1;
    /** Logins, passwords, tokens, users, key combinations: two or three strings of at most 256 characters. */
    static final long SMALL_BYTES = 4 * 1024;
    /** Any other JSON body (settings of video, HID, the virtual machine; anything new). */
    static final long DEFAULT_BYTES = 16 * 1024;
    /** A paste (64 Ki characters, escaped) or a TLS certificate chain and key. */
    static final long LARGE_BYTES = 256 * 1024;

    private record Rule(String method, Pattern path, long maxBytes) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("POST", Pattern.compile("/api/auth/(login|setup|logout|tokens)"), SMALL_BYTES),
            new Rule("PUT", Pattern.compile("/api/auth/password"), SMALL_BYTES),
            new Rule(null, Pattern.compile("/api/users(/[^/]*)?"), SMALL_BYTES),
            new Rule("POST", Pattern.compile("/api/hid/keys"), SMALL_BYTES),
            new Rule("POST", Pattern.compile("/api/hid/paste"), LARGE_BYTES),
            new Rule("PUT", Pattern.compile("/api/auth/tls"), LARGE_BYTES),
            new Rule("PUT", Pattern.compile("/api/platform/config/[^/]+"), LARGE_BYTES),
            new Rule("POST", Pattern.compile("/api/webrtc/whep"), LARGE_BYTES),
            new Rule("POST", Pattern.compile("/api/platform/bundles"), STREAMED),
            new Rule("PUT", Pattern.compile("/api/platform/bundles/[^/]+"), STREAMED),
            new Rule("PUT", Pattern.compile("/api/media/images/[^/]+"), STREAMED));

    private BodyLimits() {
    }

    /** The cap in bytes for a request's body, or {@link #STREAMED}. */
    static long maxBytes(String method, String path) {
        for (Rule rule : RULES) {
            if ((rule.method() == null || rule.method().equals(method)) && rule.path().matcher(path).matches()) {
                return rule.maxBytes();
            }
        }
        return DEFAULT_BYTES;
    }
}
