package org.cubekvm.console.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.cubekvm.api.auth.AuthenticatedUser;
import org.cubekvm.api.auth.Role;
import org.cubekvm.api.rest.ApiException;

/**
 * Changing bundles, trust and configuration is for admins: checked here, where the capability is
 * used, and not only by the access filter in front of {@code /api/platform}.
 */
final class Admins {
    private Admins() {
    }

    static AuthenticatedUser require(HttpServletRequest request) {
        Object user = request == null ? null : request.getAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE);
        if (!(user instanceof AuthenticatedUser authenticated)) {
            // Only reachable if the access guard was bypassed: refuse rather than guess.
            throw new ApiException(401, "unauthorized", "Log in first");
        }
        if (authenticated.role() != Role.ADMIN) {
            throw new ApiException(403, "forbidden", "Only an admin may change bundles, trusted signers or configuration");
        }
        return authenticated;
    }
}
