package org.cubekvm.api.auth;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Registered by the auth bundle only while its request guard is in place. Every protected
 * servlet, WebSocket and REST resource holds a mandatory static reference to it, so when access
 * control is stopped, being updated or not yet started, those endpoints are absent (404), never
 * open (docs/design.md §6, "fail closed").
 *
 * <p>Long-lived connections (WebSockets, streams) outlive the request that authenticated them;
 * they {@link #watch} its credential and are told when it is revoked (logout, expiry, password
 * change or reset, the user's role changed, user disabled or deleted, token revoked, or access
 * control stopping). A creator also checks the role its connection needs itself.
 */
@ProviderType
public interface AccessGuard {
    /** The login endpoint, public. */
    String LOGIN_PATH = "/api/auth/login";
    /** The first-start setup endpoint, public. */
    String SETUP_PATH = "/api/auth/setup";
    /** Redfish's sessions collection: {@code POST} to it is Redfish's login, public. */
    String REDFISH_SESSIONS_PATH = "/redfish/v1/SessionService/Sessions";

    /**
     * Calls {@code onRevoked} (once, on a thread of the guard, at most a few seconds after the
     * event) when {@code user}'s credential stops being valid or the user's role or state changes;
     * at once when that happened before this call (between authentication and the watch).
     *
     * @return closes the watch; call it when the connection ends
     */
    Registration watch(AuthenticatedUser user, Runnable onRevoked);

    /**
     * Takes one of the limited video-stream slots (MJPEG, H.264 WebSocket) for {@code user}'s
     * credential, before the stream starts. The caps are per credential (session or API token) and
     * for the whole device.
     *
     * @return the slot; close it when the stream ends (closing twice is harmless)
     * @throws org.cubekvm.api.rest.ApiException 429 {@code too_many_streams} when the credential or
     *         the device has no slot left
     */
    Registration openVideoStream(AuthenticatedUser user);

    /** A watch or a slot, ended by {@link #close()}. */
    @org.osgi.annotation.versioning.ProviderType
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @return whether a request to {@code path} (decoded, normalised, from the server root) needs
     *         no credentials: anything outside {@code /api}, {@code /metrics} and {@code /redfish},
     *         plus login and setup
     */
    static boolean isPublicPath(String path) {
        if (path == null) {
            return false;
        }
        if (!(under(path, "/api") || under(path, "/metrics") || under(path, "/redfish"))) {
            return true;
        }
        return path.equals(LOGIN_PATH) || path.equals(SETUP_PATH);
    }

    /**
     * @return whether a request needs no credentials: {@link #isPublicPath} or a login by another
     *         way in ({@code POST} {@link #REDFISH_SESSIONS_PATH})
     */
    static boolean isPublicRequest(String method, String path) {
        return isPublicPath(path) || ("POST".equals(method) && REDFISH_SESSIONS_PATH.equals(path));
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
