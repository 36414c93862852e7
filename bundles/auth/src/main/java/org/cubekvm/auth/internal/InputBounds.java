package org.cubekvm.auth.internal;

import org.cubekvm.api.rest.ApiException;

/**
 * Field lengths of the auth endpoints, checked before any work (no limiter key, no PBKDF2 run, no
 * lookup for a value no account can have): 400 naming the field.
 */
final class InputBounds {
    static final int MAX_USERNAME = 32;
    static final int MAX_SETUP_CODE = 32;

    private InputBounds() {
    }

    /** 400 when {@code value} is longer than {@code max} characters; null passes (the caller decides). */
    static void maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw ApiException.badRequest("Field '" + field + "' is longer than " + max + " characters");
        }
    }

    static void credentials(String username, String password) {
        maxLength("username", username, MAX_USERNAME);
        maxLength("password", password, AuthService.MAX_PASSWORD);
    }
}
