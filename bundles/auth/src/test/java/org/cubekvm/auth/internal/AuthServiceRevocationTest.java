package org.cubekvm.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.auth.AuthenticatedUser;
import org.cubekvm.api.auth.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user change reaches sockets that are open and sockets that are still opening. */
class AuthServiceRevocationTest {
    @TempDir
    Path data;
    private AuthService auth;

    @BeforeEach
    void activate() throws Exception {
        auth = TestAuthService.start(data);
        auth.createUser("admin", "admin-password", Role.ADMIN);
        auth.createUser("op", "operator-password", Role.OPERATOR);
    }

    @AfterEach
    void deactivate() {
        auth.deactivate();
    }

    private static CountDownLatch latch() {
        return new CountDownLatch(1);
    }

    @Test
    void aSocketStillOpeningWhenItsUserIsDemotedIsRevokedAtOnce() throws Exception {
        String secret = auth.createToken("op", "script").secret();
        AuthenticatedUser beforeDemotion = auth.authenticateBearer(secret);
        assertEquals(Role.OPERATOR, beforeDemotion.role());
        // The demotion lands between the request's authentication and the socket's watch.
        auth.updateUser("op", Role.VIEWER, null, null);
        CountDownLatch revoked = latch();
        auth.watch(beforeDemotion, revoked::countDown);
        assertTrue(revoked.await(10, TimeUnit.SECONDS), "the late watch is told at once");
        assertEquals(0, auth.watchCount());
        assertEquals(Role.VIEWER, auth.authenticateBearer(secret).role(), "the token acts as a viewer");
    }

    @Test
    void aRoleChangeClosesEverySocketOfTheUserButNotOthers() throws Exception {
        String token = auth.createToken("op", "script").secret();
        AuthService.Login session = auth.login("198.51.100.1", "op", "operator-password");
        AuthService.Login admin = auth.login("198.51.100.1", "admin", "admin-password");
        CountDownLatch viaToken = latch();
        CountDownLatch viaSession = latch();
        CountDownLatch adminSocket = latch();
        auth.watch(auth.authenticateBearer(token), viaToken::countDown);
        auth.watch(session.authenticated(), viaSession::countDown);
        AccessGuard.Registration adminWatch = auth.watch(admin.authenticated(), adminSocket::countDown);
        auth.updateUser("op", Role.VIEWER, null, null);
        assertTrue(viaToken.await(10, TimeUnit.SECONDS));
        assertTrue(viaSession.await(10, TimeUnit.SECONDS));
        assertEquals(1, adminSocket.getCount(), "another user's socket stays");
        assertNotNull(auth.authenticateBearer(token), "a role change keeps the token");
        assertNull(auth.authenticateSession(session.sessionToken()), "and ends the sessions");
        adminWatch.close();
        assertEquals(0, auth.watchCount());
    }

    @Test
    void disablingAndPasswordResetRevokeTokensForGood() {
        String first = auth.createToken("op", "one").secret();
        auth.updateUser("op", null, false, null);
        auth.updateUser("op", null, true, null);
        assertNull(auth.authenticateBearer(first), "re-enabling does not bring the token back");
        String second = auth.createToken("op", "two").secret();
        auth.updateUser("op", null, null, "a-new-password");
        assertNull(auth.authenticateBearer(second));
        assertFalse(auth.user("op").tokens().iterator().hasNext());
    }
}
