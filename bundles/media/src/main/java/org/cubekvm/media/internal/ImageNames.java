package org.cubekvm.media.internal;

import java.util.regex.Pattern;
import org.cubekvm.api.media.MediaException;

/**
 * Image names are plain file names: 1..{@value #MAX_LENGTH} characters of letters, digits and
 * {@code . _ - +}, starting with a letter or digit (so never hidden, never a temp file), without
 * {@code ..}; no path separator can occur.
 */
final class ImageNames {
    static final int MAX_LENGTH = 128;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

    private ImageNames() {
    }

    /** @throws MediaException 400 naming what is wrong with the name */
    static String require(String name) {
        if (name == null || name.isEmpty()) {
            throw bad("An image name is required");
        }
        if (name.length() > MAX_LENGTH) {
            throw bad("The image name is " + name.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        if (name.contains("/") || name.contains("\\") || name.contains("..")) {
            throw bad("The image name must be a plain file name without '/', '\\' or '..'");
        }
        if (!ALLOWED.matcher(name).matches()) {
            throw bad("The image name may hold only letters, digits and . _ - + and must start with a letter or digit");
        }
        return name;
    }

    private static MediaException bad(String message) {
        return new MediaException(400, "bad_name", message);
    }
}
