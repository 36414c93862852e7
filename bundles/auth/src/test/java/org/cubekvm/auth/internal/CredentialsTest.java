package org.cubekvm.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.cubekvm.api.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Password hashing, tokens, sessions, the login limiter and the users file. */
class CredentialsTest {
    @Test
    void passwordHashesAreSaltedAndVerify() {
        String a = PasswordHashing.hash("correct horse", 1000);
        String b = PasswordHashing.hash("correct horse", 1000);
        assertNotEquals(a, b, "salted");
        assertTrue(a.startsWith("pbkdf2-sha256$1000$"));
        assertTrue(PasswordHashing.verify("correct horse", a));
        assertFalse(PasswordHashing.verify("correct horsE", a));
        for (String malformed : new String[] {null, "", "plain", "pbkdf2-sha256$x$y$z", "md5$1$aa$bb", "pbkdf2-sha256$0$AA$AA"}) {
            assertFalse(PasswordHashing.verify("x", malformed), String.valueOf(malformed));
        }
    }

    @Test
    void tokensAre256BitAndStoredAsSha256() {
        String token = Secrets.token();
        assertEquals(43, token.length());
        assertNotEquals(token, Secrets.token());
        assertEquals(64, Secrets.sha256(token).length());
        assertTrue(Secrets.setupCode().matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}"));
    }

    @Test
    void sessionsExpireWhenIdleAndAtTheAbsoluteLimit() {
        AtomicLong now = new AtomicLong(1_000_000);
        Sessions sessions = new Sessions(now::get, 10_000, 60_000);
        List<Sessions.Session> created = new ArrayList<>();
        String token = sessions.create("alice", created);
        assertNotNull(sessions.use(token));
        now.addAndGet(9_000);
        assertNotNull(sessions.use(token), "used within the idle time");
        now.addAndGet(11_000);
        assertNull(sessions.use(token), "idle too long");
        assertEquals(1, sessions.sweep().size());

        String busy = sessions.create("alice", created);
        for (int i = 0; i < 7; i++) {
            now.addAndGet(9_000);
            sessions.use(busy);
        }
        assertNull(sessions.use(busy), "older than the absolute limit although busy");
        assertNull(sessions.use("unknown"));
    }

    @Test
    void loginLimiterCountsFailuresInTheWindowAndForgetsThem() {
        AtomicLong now = new AtomicLong(0);
        LoginLimiter limiter = new LoginLimiter(now::get, 5, 60_000);
        for (int i = 0; i < 5; i++) {
            assertEquals(0, limiter.retryAfterSeconds("k"));
            limiter.failed("k");
            now.addAndGet(1000);
        }
        assertEquals(55, limiter.retryAfterSeconds("k"), "until the oldest failure leaves the window");
        assertEquals(0, limiter.retryAfterSeconds("other"));
        now.set(60_000);
        assertEquals(0, limiter.retryAfterSeconds("k"), "the oldest failure has left the window");
        limiter.succeeded("k");
        assertEquals(0, limiter.retryAfterSeconds("k"));
    }

    @Test
    void usersFileRoundTripsAndIsOwnerOnly(@TempDir Path dir) throws Exception {
        UserFile file = new UserFile(dir.resolve("users"));
        assertTrue(file.load().isEmpty());
        StoredUser user = new StoredUser("alice", Role.OPERATOR, true, PasswordHashing.hash("pw-12345678", 1000),
                List.of(new StoredUser.StoredToken("id1", "script", Secrets.sha256("t"), 5, null)));
        file.save(List.of(user));
        assertEquals(List.of(user), file.load());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("users"))));
        assertFalse(Files.readString(dir.resolve("users")).contains("pw-12345678"));
        Files.writeString(dir.resolve("users"), "{not json");
        assertThrows(java.io.IOException.class, file::load);
    }
}
