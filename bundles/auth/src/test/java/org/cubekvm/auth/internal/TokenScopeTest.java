package org.cubekvm.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.cubekvm.api.auth.AuthenticatedUser;
import org.cubekvm.api.auth.Role;
import org.cubekvm.api.auth.SessionLogins;
import org.cubekvm.api.auth.TokenScope;
import org.cubekvm.api.rest.ApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token scopes (a metrics-only token) and the Redfish session logins. */
class TokenScopeTest {
    @TempDir
    Path data;
    private AuthService auth;

    @BeforeEach
    void activate() throws Exception {
        auth = TestAuthService.start(data);
        auth.createUser("admin", "admin-password", Role.ADMIN);
        auth.createUser("watcher", "watcher-password", Role.VIEWER);
    }

    @AfterEach
    void deactivate() {
        auth.deactivate();
    }

    @Test
    void aMetricsTokenCarriesItsScopeAcrossARestart() throws Exception {
        String secret = auth.createToken("admin", "prometheus", "metrics").secret();
        String full = auth.createToken("admin", "script").secret();
        assertEquals(TokenScope.METRICS, auth.authenticateBearer(secret).scope());
        assertEquals(TokenScope.ALL, auth.authenticateBearer(full).scope());
        auth.deactivate();
        auth = TestAuthService.start(data);
        AuthenticatedUser user = auth.authenticateBearer(secret);
        assertEquals(TokenScope.METRICS, user.scope(), "the users file keeps the scope");
        assertEquals(Role.ADMIN, user.role());
        assertEquals(TokenScope.ALL, auth.authenticateBearer(full).scope());
    }

    @Test
    void aMetricsTokenMayReadMetricsOnly() {
        assertTrue(TokenScope.METRICS.allows("GET", "/metrics"));
        assertTrue(TokenScope.METRICS.allows("HEAD", "/metrics"));
        assertFalse(TokenScope.METRICS.allows("POST", "/metrics"));
        assertFalse(TokenScope.METRICS.allows("GET", "/api/auth/tokens"));
        assertFalse(TokenScope.METRICS.allows("GET", "/metrics/x"));
        assertFalse(TokenScope.METRICS.allows("GET", "/redfish/v1"));
        assertTrue(TokenScope.ALL.allows("POST", "/api/users"));
    }

    @Test
    void onlyAnAdminCanMakeAMetricsTokenAndUnknownScopesAreRefused() {
        ApiException viewer = assertThrows(ApiException.class, () -> auth.createToken("watcher", "p", "metrics"));
        assertEquals(403, viewer.status());
        ApiException unknown = assertThrows(ApiException.class, () -> auth.createToken("admin", "p", "root"));
        assertEquals(400, unknown.status());
        assertTrue(auth.user("watcher").tokens().isEmpty());
        assertTrue(auth.user("admin").tokens().isEmpty(), "nothing was stored");
    }

    @Test
    void sessionLoginsAreLoginsThatTheirOwnerOrAnAdminEnds() {
        SessionLogins logins = new AuthSessionLogins(auth);
        SessionLogins.Created mine = logins.login("127.0.0.1", "watcher", "watcher-password");
        SessionLogins.Created admins = logins.login("127.0.0.1", "admin", "admin-password");
        assertEquals("watcher", auth.authenticateSession(mine.token()).username());
        AuthenticatedUser watcher = mine.user();
        assertEquals(List.of(mine.id()), logins.sessions(watcher).stream().map(SessionLogins.Info::id).toList());
        assertEquals(2, logins.sessions(admins.user()).size(), "an admin sees every session");
        assertFalse(logins.logout(watcher, admins.id()), "a viewer cannot end someone else's session");
        assertEquals("admin", auth.authenticateSession(admins.token()).username());
        assertTrue(logins.logout(watcher, mine.id()));
        assertNull(auth.authenticateSession(mine.token()), "logged out");
        ApiException wrong = assertThrows(ApiException.class, () -> logins.login("127.0.0.1", "watcher", "not-it"));
        assertEquals(401, wrong.status());
    }
}
