package org.cubekvm.api.auth;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Registered by the auth bundle only while its request guard is in place. Every protected
 * servlet, WebSocket and REST resource holds a mandatory static reference to it, so when access
 * control is stopped, being updated or not yet started, those endpoints are absent (404), never
 * open (DESIGN §6, "fail closed").
 *
 * <p>Long-lived connections (WebSockets, streams) outlive the request that authenticated them;
 * they {@link #watch} its credential and are told when it is revoked (logout, expiry, password
 * change, user disabled or deleted, token revoked, or access control stopping).
 */
@ProviderType
public interface AccessGuard {
    /** The login endpoint, public. */
    String LOGIN_PATH = "/api/auth/login";
    /** The first-start setup endpoint, public. */
    String SETUP_PATH = "/api/auth/setup";

    /**
     * Calls {@code onRevoked} (once, on a thread of the guard, at most a few seconds after the
     * event) when {@code user}'s credential stops being valid.
     *
     * @return closes the watch; call it when the connection ends
     */
    Registration watch(AuthenticatedUser user, Runnable onRevoked);

    /** A watch, ended by {@link #close()}. */
    @org.osgi.annotation.versioning.ProviderType
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @return whether a request to {@code path} (decoded, normalised, from the server root) needs
     *         no credentials: anything outside {@code /api}, plus login and setup
     */
    static boolean isPublicPath(String path) {
        if (path == null) {
            return false;
        }
        if (!(path.equals("/api") || path.startsWith("/api/"))) {
            return true;
        }
        return path.equals(LOGIN_PATH) || path.equals(SETUP_PATH);
    }
}
