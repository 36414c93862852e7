package org.cubekvm.api.auth;

/**
 * Who sent a request, as established by the access guard before any servlet or resource runs.
 * Set as the request attribute {@link #REQUEST_ATTRIBUTE}; a client cannot set request
 * attributes, so its presence proves the guard saw the request.
 *
 * @param username     the account name
 * @param role         the account's role at the time of the request
 * @param credentialId opaque id of the session or API token used (never the secret itself);
 *                     {@link AccessGuard#watch} keys on it
 * @param cookie       true when the credential came from the session cookie (browser), false for
 *                     an {@code Authorization: Bearer} API token
 * @param scope        what the credential may be used for ({@link TokenScope#ALL} for sessions and
 *                     ordinary tokens); an endpoint checks it with the role where it acts
 */
public record AuthenticatedUser(String username, Role role, String credentialId, boolean cookie, TokenScope scope) {
    /** Request attribute holding the {@link AuthenticatedUser} of an authenticated request. */
    public static final String REQUEST_ATTRIBUTE = "org.cubekvm.auth.user";

    public AuthenticatedUser {
        scope = scope == null ? TokenScope.ALL : scope;
    }

    /** A credential of scope {@link TokenScope#ALL}. */
    public AuthenticatedUser(String username, Role role, String credentialId, boolean cookie) {
        this(username, role, credentialId, cookie, TokenScope.ALL);
    }
}
