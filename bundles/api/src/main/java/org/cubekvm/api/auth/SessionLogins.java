package org.cubekvm.api.auth;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Password logins for other ways in than {@code POST /api/auth/login} (Redfish's SessionService):
 * the same login limiter, failure counter and sessions (idle and absolute expiry, revocation) as a
 * browser login. The session's secret authenticates requests as the browser cookie does (Redfish
 * sends it as {@code X-Auth-Token}). Registered by the auth bundle.
 */
@ProviderType
public interface SessionLogins {
    /**
     * @param id      the session's opaque id (not its secret)
     * @param token   the secret, shown to the client once
     * @param user    who is logged in
     */
    record Created(String id, String token, AuthenticatedUser user) {
    }

    /** A live session, without its secret. */
    record Info(String id, String username, long createdMillis) {
    }

    /**
     * @throws org.cubekvm.api.rest.ApiException 401 {@code bad_credentials}, 429 {@code rate_limited}
     *         (counted as login failures)
     */
    Created login(String clientAddress, String username, String password);

    /** @return the caller's live sessions; an admin's call lists every user's */
    List<Info> sessions(AuthenticatedUser caller);

    /**
     * Ends the session {@code id} when it is the caller's own or the caller is an admin.
     *
     * @return false when there is no such session the caller may see
     */
    boolean logout(AuthenticatedUser caller, String id);
}
