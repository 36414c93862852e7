package org.cubekvm.media.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.cubekvm.api.media.MediaException;

/** SHA-256 digests as 64 lower-case hex digits. */
final class Sha256Hex {
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private Sha256Hex() {
    }

    /** @return the expected digest in lower case, or null when none was given */
    static String expected(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String trimmed = header.trim();
        if (!HEX.matcher(trimmed).matches()) {
            throw new MediaException(400, "bad_sha256", "X-Content-SHA256 must be 64 hex digits");
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
