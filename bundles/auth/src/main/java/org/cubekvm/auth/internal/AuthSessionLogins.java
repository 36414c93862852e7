package org.cubekvm.auth.internal;

import java.util.ArrayList;
import java.util.List;
import org.cubekvm.api.auth.AuthenticatedUser;
import org.cubekvm.api.auth.Role;
import org.cubekvm.api.auth.SessionLogins;
import org.cubekvm.api.rest.ApiException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link SessionLogins} for Redfish's SessionService: a login here is the same as {@code POST
 * /api/auth/login} (limiter, failure counter, session expiry and revocation); only the way the
 * secret travels differs ({@code X-Auth-Token}, read by {@link RequestGuard} under {@code /redfish}).
 */
@Component(service = SessionLogins.class)
public class AuthSessionLogins implements SessionLogins {
    private final AuthService auth;

    @Activate
    public AuthSessionLogins(@Reference AuthService auth) {
        this.auth = auth;
    }

    @Override
    public Created login(String clientAddress, String username, String password) {
        InputBounds.maxLength("UserName", username, InputBounds.MAX_USERNAME);
        InputBounds.maxLength("Password", password, AuthService.MAX_PASSWORD);
        AuthService.Login login;
        try {
            login = auth.login(clientAddress, username, password);
        } catch (RateLimitedException e) {
            throw new ApiException(429, "rate_limited", e.getMessage());
        }
        AuthenticatedUser user = login.authenticated();
        return new Created(user.credentialId().substring(2), login.sessionToken(),
                new AuthenticatedUser(user.username(), user.role(), user.credentialId(), false));
    }

    @Override
    public List<Info> sessions(AuthenticatedUser caller) {
        List<Info> result = new ArrayList<>();
        for (Sessions.Session session : auth.liveSessions()) {
            if (visible(caller, session)) {
                result.add(new Info(session.id(), session.username(), session.createdMillis()));
            }
        }
        return result;
    }

    @Override
    public boolean logout(AuthenticatedUser caller, String id) {
        for (Sessions.Session session : auth.liveSessions()) {
            if (session.id().equals(id) && visible(caller, session)) {
                return auth.endSession(id) != null;
            }
        }
        return false;
    }

    private static boolean visible(AuthenticatedUser caller, Sessions.Session session) {
        return caller.role().includes(Role.ADMIN) || caller.username().equals(session.username());
    }
}
