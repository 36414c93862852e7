package org.cubekvm.auth.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.auth.AuthenticatedUser;
import org.cubekvm.api.auth.Role;
import org.cubekvm.api.auth.TokenScope;
import org.cubekvm.api.platform.PlatformProperties;
import org.cubekvm.api.rest.ApiException;
import org.cubekvm.common.files.SecretFiles;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account operations (setup, login, password changes, users, API tokens) and the rules they
 * keep: rate limits, the last enabled admin, revocation on every change. The state lives in
 * single-purpose parts: {@link UserStore} (accounts and the users file: a change is written first
 * and applied in memory only when that worked, so a failed request changes nothing),
 * {@link Sessions}, {@link SetupCode}, {@link LoginLimiter}, {@link StreamBudget} and
 * {@link CredentialWatches} (whoever {@link #watch watches} a credential, open WebSockets, is told
 * of its revocation from the sweeper thread).
 */
@Component(service = AuthService.class, configurationPid = AuthService.PID)
@Designate(ocd = AuthConfig.class)
public class AuthService {
    static final String PID = "org.cubekvm.auth";
    /** Framework property overriding {@link AuthConfig#loginWindowSeconds()}: lets a test harness use a short window. */
    static final String WINDOW_OVERRIDE = "cubekvm.auth.loginWindowSeconds";
    static final String SETUP_CODE_FILE = "setup-code";
    static final String USERS_FILE = "users";
    static final int MIN_ITERATIONS = 1000;
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 256;
    static final int MAX_TOKENS_PER_USER = 32;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.auth");

    private final CredentialWatches watches = new CredentialWatches(this::stillValid);
    private final Sessions sessions = new Sessions(System::currentTimeMillis, 0, 0);
    /** Failures per user name at one client address (and setup attempts, password changes). */
    private final LoginLimiter limiter = new LoginLimiter(System::currentTimeMillis, 5, 60_000);
    /** Failures per client address, whatever the user name: one address trying many names. */
    private final LoginLimiter addressLimiter = new LoginLimiter(System::currentTimeMillis, 20, 60_000);
    private final StreamBudget streams = new StreamBudget(10, 24);
    /** Logins refused for wrong credentials / for the rate limit, since start (for {@code /metrics}). */
    private final java.util.concurrent.atomic.LongAdder loginFailures = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder loginsRateLimited = new java.util.concurrent.atomic.LongAdder();
    private ScheduledExecutorService sweeper;
    private Path dataDir;
    /** Accounts; every access but a token look-up holds this service's lock. */
    private UserStore users;
    private volatile AuthConfig config;
    private SetupCode setupCode;
    /** What an unknown user's password is checked against, so timing does not reveal user names. */
    private DecoyHash decoy;

    @Activate
    void activate(BundleContext context, AuthConfig configuration) throws IOException {
        String data = context.getProperty(PlatformProperties.DATA_DIR_PROPERTY);
        dataDir = Paths.get(data == null ? "data" : data).toAbsolutePath();
        users = new UserStore(new UserFile(dataDir.resolve(USERS_FILE)));
        setupCode = new SetupCode(dataDir.resolve(SETUP_CODE_FILE));
        apply(context, configuration);
        users.load();
        SecretFiles.createOwnerOnlyDirectory(dataDir);
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "cubekvm-auth-sweeper"));
        watches.executor(sweeper);
        // The decoy hash is made once per data directory, on the sweeper (not on the start-up path); every
        // later start reads it.
        int iterations = configuration.pbkdf2Iterations();
        DecoyHash made = new DecoyHash(dataDir);
        decoy = made;
        if (!made.load(iterations)) {
            sweeper.execute(() -> made.get(iterations));
        }
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
        if (users.isEmpty()) {
            setupCode.create();
        } else {
            setupCode.removeStale();
        }
    }

    @Modified
    void modified(BundleContext context, AuthConfig configuration) {
        apply(context, configuration);
    }

    private void apply(BundleContext context, AuthConfig configuration) {
        if (configuration.pbkdf2Iterations() < MIN_ITERATIONS) {
            throw new IllegalArgumentException("auth: pbkdf2Iterations must be at least " + MIN_ITERATIONS + ", was "
                    + configuration.pbkdf2Iterations() + "; fix " + PID + ".cfg");
        }
        if (configuration.loginFailureLimit() < 1 || configuration.loginAddressFailureLimit() < 1) {
            throw new IllegalArgumentException("auth: loginFailureLimit and loginAddressFailureLimit must be at least 1, were "
                    + configuration.loginFailureLimit() + " and " + configuration.loginAddressFailureLimit() + "; fix "
                    + PID + ".cfg");
        }
        if (configuration.videoStreamsPerCredential() < 1 || configuration.videoStreamsTotal() < 1) {
            throw new IllegalArgumentException("auth: videoStreamsPerCredential and videoStreamsTotal must be at least 1,"
                    + " were " + configuration.videoStreamsPerCredential() + " and " + configuration.videoStreamsTotal()
                    + "; fix " + PID + ".cfg");
        }
        int window = configuration.loginWindowSeconds();
        String override = context.getProperty(WINDOW_OVERRIDE);
        if (override != null) {
            window = Integer.parseInt(override.trim());
            LOG.info("login failure window is {} s ({} framework property)", window, WINDOW_OVERRIDE);
        }
        config = configuration;
        sessions.limits(TimeUnit.MINUTES.toMillis(Math.max(1, configuration.sessionIdleMinutes())),
                TimeUnit.HOURS.toMillis(Math.max(1, configuration.sessionMaxHours())));
        streams.configure(configuration.videoStreamsPerCredential(), configuration.videoStreamsTotal());
        limiter.configure(configuration.loginFailureLimit(), TimeUnit.SECONDS.toMillis(Math.max(1, window)));
        addressLimiter.configure(configuration.loginAddressFailureLimit(), TimeUnit.SECONDS.toMillis(Math.max(1, window)));
    }

    @Deactivate
    void deactivate() {
        sweeper.shutdownNow();
        // A decoy hash being made when the bundle stops finishes writing its file before the bundle is
        // gone (PBKDF2 does not answer interrupts): nothing of a stopped bundle writes afterwards.
        try {
            if (!sweeper.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("the auth sweeper did not end within 10 s of the bundle stopping");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sessions.clear();
        // Access control is going away: everything that relied on it closes now.
        watches.closeAll();
    }

    AuthConfig config() {
        return config;
    }

    Path dataDir() {
        return dataDir;
    }

    // ---- setup ----

    synchronized boolean setupRequired() {
        return users.isEmpty();
    }

    /** Creates the first admin; 403 once any user exists or when the code is wrong. */
    synchronized StoredUser setup(String address, String code, String username, String password) {
        String key = "setup:" + ClientAddresses.limitKey(address);
        long wait = limiter.retryAfterSeconds(key);
        if (wait > 0) {
            throw new RateLimitedException(wait);
        }
        if (!users.isEmpty() || !setupCode.pending()) {
            throw new ApiException(403, "setup_done", "The first admin exists already; log in instead");
        }
        if (!setupCode.matches(code)) {
            limiter.failed(key);
            throw new ApiException(403, "wrong_setup_code", "The setup code is wrong; it is in the log and in the"
                    + " data directory's setup-code file");
        }
        StoredUser admin = newUser(username, password, Role.ADMIN);
        users.store(admin);
        setupCode.consume();
        LOG.info("first admin '{}' created", admin.username());
        return admin;
    }

    // ---- login and sessions ----

    long loginFailures() {
        return loginFailures.sum();
    }

    long loginsRateLimited() {
        return loginsRateLimited.sum();
    }

    record Login(StoredUser user, String sessionToken, AuthenticatedUser authenticated) {
    }

    /** Checks a user name and password under the login limiter; the user, or 401 / 429 (counted). */
    private StoredUser verifyPassword(String address, String username, String password) {
        // Per address, and per user name at that address: an attacker slows only themselves; the same
        // user name from another address is not affected (no lock-out of admin by a stranger).
        String addressKey = ClientAddresses.limitKey(address);
        String userKey = "login:" + (username == null ? "" : username) + "@" + addressKey;
        long wait = Math.max(addressLimiter.retryAfterSeconds(addressKey), limiter.retryAfterSeconds(userKey));
        if (wait > 0) {
            loginsRateLimited.increment();
            throw new RateLimitedException(wait);
        }
        StoredUser user;
        synchronized (this) {
            user = username == null ? null : users.get(username);
        }
        // Always run one PBKDF2 check, so an unknown user takes as long as a wrong password.
        boolean matches = PasswordHashing.verify(password == null ? "" : password,
                user == null ? decoy.get(config.pbkdf2Iterations()) : user.passwordHash());
        if (user == null || !matches || !user.enabled() || password == null) {
            addressLimiter.failed(addressKey);
            limiter.failed(userKey);
            loginFailures.increment();
            throw new ApiException(401, "bad_credentials", "Wrong user name or password");
        }
        limiter.succeeded(userKey);
        return user;
    }

    /**
     * HTTP basic authentication (Redfish): the same per-address and per-user limiter, the same
     * PBKDF2 check and the same failure counter as a login, but no session is created; the
     * credential id is per user, so {@link #watch} and the stream budget key on the user.
     */
    AuthenticatedUser authenticateBasic(String address, String username, String password) {
        StoredUser user = verifyPassword(address, username, password);
        return new AuthenticatedUser(user.username(), user.role(), "b:" + user.username(), false);
    }

    Login login(String address, String username, String password) {
        StoredUser user = verifyPassword(address, username, password);
        List<Sessions.Session> created = new ArrayList<>();
        String token = sessions.create(user.username(), created);
        Sessions.Session session = created.get(0);
        LOG.info("'{}' logged in from {}", user.username(), address);
        return new Login(user, token, new AuthenticatedUser(user.username(), user.role(), "s:" + session.id(), true));
    }

    /** The user of a session cookie's token, or null. */
    AuthenticatedUser authenticateSession(String token) {
        Sessions.Session session = sessions.use(token);
        if (session == null) {
            return null;
        }
        StoredUser user = user(session.username());
        if (user == null || !user.enabled()) {
            return null;
        }
        return new AuthenticatedUser(user.username(), user.role(), "s:" + session.id(), true);
    }

    /** The user of an API token, or null. */
    AuthenticatedUser authenticateBearer(String token) {
        String[] owner = users.tokenOwner(token);
        if (owner == null) {
            return null;
        }
        StoredUser user = user(owner[0]);
        if (user == null || !user.enabled()) {
            return null;
        }
        return new AuthenticatedUser(user.username(), user.role(), "t:" + owner[1], false, TokenScope.fromId(owner[2]));
    }

    /** Every live session, without secrets. */
    List<Sessions.Session> liveSessions() {
        return sessions.live();
    }

    /** Ends the session with this id; @return it, or null when there is none. */
    Sessions.Session endSession(String id) {
        Sessions.Session session = sessions.removeById(id);
        if (session != null) {
            revoked("s:" + session.id());
            LOG.info("'{}' logged out (session {})", session.username(), session.id());
        }
        return session;
    }

    void logout(String sessionToken) {
        Sessions.Session session = sessions.remove(sessionToken);
        if (session != null) {
            revoked("s:" + session.id());
            LOG.info("'{}' logged out", session.username());
        }
    }

    /**
     * A user's own password change: rate limited like a login (per user name), both PBKDF2 runs
     * outside the lock every request takes. Afterwards the user's API tokens are revoked and every
     * other session ends, with their sockets; the session that asked stays.
     */
    void changePassword(AuthenticatedUser who, String address, String current, String newPassword) {
        String key = "password:" + who.username();
        long wait = limiter.retryAfterSeconds(key);
        if (wait > 0) {
            throw new RateLimitedException(wait);
        }
        StoredUser user = user(who.username());
        if (user == null || current == null || current.length() > MAX_PASSWORD
                || !PasswordHashing.verify(current, user.passwordHash())) {
            limiter.failed(key);
            LOG.info("wrong current password in a password change of '{}' from {}", who.username(), address);
            throw new ApiException(403, "wrong_password", "The current password is wrong");
        }
        checkPassword(newPassword);
        String hash = PasswordHashing.hash(newPassword, config.pbkdf2Iterations());
        StoredUser updated;
        synchronized (this) {
            StoredUser now = users.get(user.username());
            if (now == null || !now.passwordHash().equals(user.passwordHash())) {
                throw ApiException.conflict("The password was changed meanwhile; log in again");
            }
            updated = now.withPasswordHash(hash).withTokens(List.of());
            users.store(updated);
        }
        limiter.succeeded(key);
        // The session that asked stays; every other session and every API token of this user ends.
        String keep = who.cookie() && who.credentialId().startsWith("s:") ? who.credentialId().substring(2) : null;
        for (Sessions.Session session : sessions.removeUser(user.username(), keep)) {
            revoked("s:" + session.id());
        }
        user.tokens().forEach(t -> revoked("t:" + t.id()));
        LOG.info("'{}' changed their password; {} API token(s) revoked", user.username(), user.tokens().size());
    }

    // ---- users ----

    synchronized List<StoredUser> users() {
        return users.all();
    }

    synchronized StoredUser user(String username) {
        return users.get(username);
    }

    StoredUser createUser(String username, String password, Role role) {
        if (user(username) != null) {
            throw ApiException.conflict("User '" + username + "' exists already");
        }
        // PBKDF2 outside the lock that every authenticated request takes.
        StoredUser user = newUser(username, password, role);
        synchronized (this) {
            if (users.contains(username)) {
                throw ApiException.conflict("User '" + username + "' exists already");
            }
            users.store(user);
        }
        LOG.info("user '{}' ({}) created", username, role.id());
        return user;
    }

    /**
     * An admin's change of a user. Whatever changes, that user's sessions end and every socket the
     * user has open closes at once (a demoted operator's keyboard socket must not keep typing); the
     * user's API tokens stay valid and act with the new role, except that disabling the user or
     * resetting the password revokes them.
     */
    StoredUser updateUser(String username, Role role, Boolean enabled, String password) {
        String newHash = null;
        if (password != null) {
            checkPassword(password);
            // PBKDF2 outside the lock that every authenticated request takes.
            newHash = PasswordHashing.hash(password, config.pbkdf2Iterations());
        }
        StoredUser user;
        StoredUser updated;
        synchronized (this) {
            user = users.get(username);
            if (user == null) {
                throw ApiException.notFound("There is no user '" + username + "'");
            }
            updated = user;
            if (role != null) {
                updated = updated.withRole(role);
            }
            if (enabled != null) {
                updated = updated.withEnabled(enabled);
            }
            if (newHash != null) {
                updated = updated.withPasswordHash(newHash);
            }
            if (newHash != null || !updated.enabled()) {
                updated = updated.withTokens(List.of());
            }
            if (user.role() == Role.ADMIN && user.enabled() && !(updated.role() == Role.ADMIN && updated.enabled())
                    && users.enabledAdmins() == 1) {
                throw ApiException.conflict("'" + username + "' is the last enabled admin; make another admin first");
            }
            users.store(updated);
        }
        revokeAll(user);
        LOG.info("user '{}' changed (role {}, enabled {}{}); sessions ended, open sockets closed{}", username,
                updated.role().id(), updated.enabled(), newHash != null ? ", password reset" : "",
                updated.tokens().size() < user.tokens().size() ? ", API tokens revoked" : "");
        return updated;
    }

    void deleteUser(String username) {
        StoredUser user;
        synchronized (this) {
            user = users.get(username);
            if (user == null) {
                throw ApiException.notFound("There is no user '" + username + "'");
            }
            if (user.role() == Role.ADMIN && user.enabled() && users.enabledAdmins() == 1) {
                throw ApiException.conflict("'" + username + "' is the last enabled admin; make another admin first");
            }
            users.remove(username);
        }
        revokeAll(user);
        LOG.info("user '{}' deleted", username);
    }

    // ---- API tokens ----

    record NewToken(StoredUser.StoredToken token, String secret) {
    }

    NewToken createToken(String username, String name) {
        return createToken(username, name, null);
    }

    NewToken createToken(String username, String name, String scopeId) {
        if (name == null || name.isBlank() || name.length() > 64) {
            throw ApiException.badRequest("Field 'name' must be 1 to 64 characters");
        }
        TokenScope scope = scopeId == null ? TokenScope.ALL : TokenScope.fromId(scopeId);
        if (scope == null) {
            throw ApiException.badRequest("Field 'scope' must be all or metrics");
        }
        synchronized (this) {
            StoredUser user = users.get(username);
            if (user == null) {
                throw ApiException.notFound("There is no user '" + username + "'");
            }
            if (user.tokens().size() >= MAX_TOKENS_PER_USER) {
                throw ApiException.conflict("A user can have at most " + MAX_TOKENS_PER_USER + " API tokens; revoke one first");
            }
            if (scope == TokenScope.METRICS && !user.role().includes(Role.ADMIN)) {
                // /metrics is an admin's read: a metrics token of a lesser role could never be used.
                throw new ApiException(403, "forbidden", "Only an admin can create a token with scope metrics");
            }
            String secret = "ckv_" + Secrets.token();
            StoredUser.StoredToken token = new StoredUser.StoredToken(Secrets.id(), name.strip(), Secrets.sha256(secret),
                    System.currentTimeMillis(), scope);
            List<StoredUser.StoredToken> tokens = new ArrayList<>(user.tokens());
            tokens.add(token);
            users.store(user.withTokens(tokens));
            LOG.info("'{}' created API token {} ({}, scope {})", username, token.id(), token.name(), scope.id());
            return new NewToken(token, secret);
        }
    }

    void deleteToken(String username, String id) {
        synchronized (this) {
            StoredUser user = users.get(username);
            List<StoredUser.StoredToken> tokens = new ArrayList<>(user == null ? List.of() : user.tokens());
            if (!tokens.removeIf(t -> t.id().equals(id))) {
                throw ApiException.notFound("There is no API token '" + id + "'");
            }
            users.store(user.withTokens(tokens));
        }
        revoked("t:" + id);
        LOG.info("'{}' revoked API token {}", username, id);
    }

    // ---- watching credentials ----

    /** See {@link CredentialWatches#watch}. */
    AccessGuard.Registration watch(AuthenticatedUser user, Runnable onRevoked) {
        return watches.watch(user, onRevoked);
    }

    /** Whether {@code user}'s credential still exists and the user still has that role, enabled. */
    private boolean stillValid(AuthenticatedUser user) {
        StoredUser stored = user(user.username());
        if (stored == null || !stored.enabled() || stored.role() != user.role()) {
            return false;
        }
        String id = user.credentialId();
        if (id.startsWith("t:")) {
            return stored.tokens().stream().anyMatch(t -> t.id().equals(id.substring(2)));
        }
        return id.startsWith("s:") && sessions.isLive(id.substring(2), user.username());
    }

    /** A video-stream slot of {@code user}'s credential; see {@link StreamBudget}. */
    AccessGuard.Registration openVideoStream(AuthenticatedUser user) {
        return streams.acquire(user.credentialId());
    }

    int watchCount() {
        return watches.count();
    }

    private void revoked(String credentialId) {
        watches.revoke(credentialId);
    }

    /** Ends every session of {@code user} and closes every socket the user has open, whatever its credential. */
    private void revokeAll(StoredUser user) {
        for (Sessions.Session session : sessions.removeUser(user.username(), null)) {
            revoked("s:" + session.id());
        }
        watches.revokeUser(user.username());
    }

    private void sweep() {
        for (Sessions.Session session : sessions.sweep()) {
            LOG.debug("session of '{}' expired", session.username());
            revoked("s:" + session.id());
        }
        limiter.sweep();
        addressLimiter.sweep();
    }

    // ---- new accounts ----

    private StoredUser newUser(String username, String password, Role role) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ApiException.badRequest("Field 'username' must be 1 to 32 letters, digits, '.', '_' or '-'");
        }
        if (role == null) {
            throw ApiException.badRequest("Field 'role' must be admin, operator or viewer");
        }
        checkPassword(password);
        return new StoredUser(username, role, true, PasswordHashing.hash(password, config.pbkdf2Iterations()), List.of());
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw ApiException.badRequest("Field 'password' must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
    }
}
