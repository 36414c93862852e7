package org.cubekvm.auth.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.auth.AuthenticatedUser;
import org.cubekvm.api.auth.Role;
import org.cubekvm.api.platform.PlatformProperties;
import org.cubekvm.api.rest.ApiException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts, sessions, API tokens, the first-start setup code and the login rate limit. Every
 * change to accounts is written to the users file first and applied in memory only when that
 * worked, so a failed request changes nothing. Revoking a credential tells whoever
 * {@link #watch watches} it (open WebSockets), from the sweeper thread.
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

    private final Map<String, StoredUser> users = new LinkedHashMap<>();
    /** SHA-256 of an API token's secret → [username, token id]. */
    private final Map<String, String[]> tokenIndex = new ConcurrentHashMap<>();
    private final Map<String, Set<Watch>> watches = new ConcurrentHashMap<>();
    private final Sessions sessions = new Sessions(System::currentTimeMillis, 0, 0);
    /** Failures per user name at one client address (and setup attempts, password changes). */
    private final LoginLimiter limiter = new LoginLimiter(System::currentTimeMillis, 5, 60_000);
    /** Failures per client address, whatever the user name: one address trying many names. */
    private final LoginLimiter addressLimiter = new LoginLimiter(System::currentTimeMillis, 20, 60_000);
    private final StreamBudget streams = new StreamBudget(10, 24);
    private ScheduledExecutorService sweeper;
    private Path dataDir;
    private UserFile userFile;
    private volatile AuthConfig config;
    private volatile String setupCode;
    /** What an unknown user's password is checked against, so timing does not reveal user names. */
    private DecoyHash decoy;

    private final class Watch implements AccessGuard.Registration {
        final String credentialId;
        final String username;
        final Runnable onRevoked;

        Watch(String credentialId, String username, Runnable onRevoked) {
            this.credentialId = credentialId;
            this.username = username;
            this.onRevoked = onRevoked;
        }

        @Override
        public void close() {
            watches.computeIfPresent(credentialId, (id, set) -> {
                set.remove(this);
                return set.isEmpty() ? null : set;
            });
        }
    }

    @Activate
    void activate(BundleContext context, AuthConfig configuration) throws IOException {
        String data = context.getProperty(PlatformProperties.DATA_DIR_PROPERTY);
        dataDir = Paths.get(data == null ? "data" : data).toAbsolutePath();
        userFile = new UserFile(dataDir.resolve(USERS_FILE));
        apply(context, configuration);
        for (StoredUser user : userFile.load()) {
            users.put(user.username(), user);
        }
        rebuildTokenIndex();
        SecretFiles.createOwnerOnlyDirectory(dataDir);
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "cubekvm-auth-sweeper"));
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
            createSetupCode();
        } else {
            Files.deleteIfExists(dataDir.resolve(SETUP_CODE_FILE));
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
        sessions.clear();
        // Access control is going away: everything that relied on it closes now.
        List<Watch> all = new ArrayList<>();
        watches.values().forEach(all::addAll);
        watches.clear();
        for (Watch watch : all) {
            runQuietly(watch.onRevoked);
        }
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

    private void createSetupCode() throws IOException {
        String code = Secrets.setupCode();
        Path file = dataDir.resolve(SETUP_CODE_FILE);
        SecretFiles.write(file, (code + "\n").getBytes(StandardCharsets.US_ASCII));
        setupCode = code;
        LOG.warn("no users yet. First-start setup code: {} (also in {}); open the web UI and create the first"
                + " admin with it", code, file);
    }

    /** Creates the first admin; 403 once any user exists or when the code is wrong. */
    synchronized StoredUser setup(String address, String code, String username, String password) {
        String key = "setup:" + ClientAddresses.limitKey(address);
        long wait = limiter.retryAfterSeconds(key);
        if (wait > 0) {
            throw new RateLimitedException(wait);
        }
        if (!users.isEmpty() || setupCode == null) {
            throw new ApiException(403, "setup_done", "The first admin exists already; log in instead");
        }
        if (code == null || !Secrets.equalsConstantTime(normalizeCode(code), setupCode)) {
            limiter.failed(key);
            throw new ApiException(403, "wrong_setup_code", "The setup code is wrong; it is in the log and in the"
                    + " data directory's setup-code file");
        }
        StoredUser admin = newUser(username, password, Role.ADMIN);
        store(admin);
        setupCode = null;
        try {
            Files.deleteIfExists(dataDir.resolve(SETUP_CODE_FILE));
        } catch (IOException e) {
            LOG.warn("could not remove the used setup-code file: {}", e.toString());
        }
        LOG.info("first admin '{}' created", admin.username());
        return admin;
    }

    private static String normalizeCode(String code) {
        return code.trim().toUpperCase(java.util.Locale.ROOT);
    }

    // ---- login and sessions ----

    record Login(StoredUser user, String sessionToken, AuthenticatedUser authenticated) {
    }

    Login login(String address, String username, String password) {
        // Per address, and per user name at that address: an attacker slows only themselves; the same
        // user name from another address is not affected (no lock-out of admin by a stranger).
        String addressKey = ClientAddresses.limitKey(address);
        String userKey = "login:" + (username == null ? "" : username) + "@" + addressKey;
        long wait = Math.max(addressLimiter.retryAfterSeconds(addressKey), limiter.retryAfterSeconds(userKey));
        if (wait > 0) {
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
            throw new ApiException(401, "bad_credentials", "Wrong user name or password");
        }
        limiter.succeeded(userKey);
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
        String[] owner = tokenIndex.get(Secrets.sha256(token));
        if (owner == null) {
            return null;
        }
        StoredUser user = user(owner[0]);
        if (user == null || !user.enabled()) {
            return null;
        }
        return new AuthenticatedUser(user.username(), user.role(), "t:" + owner[1], false);
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
            store(updated);
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
        return new ArrayList<>(users.values());
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
            if (users.containsKey(username)) {
                throw ApiException.conflict("User '" + username + "' exists already");
            }
            store(user);
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
                    && enabledAdmins() == 1) {
                throw ApiException.conflict("'" + username + "' is the last enabled admin; make another admin first");
            }
            store(updated);
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
            if (user.role() == Role.ADMIN && user.enabled() && enabledAdmins() == 1) {
                throw ApiException.conflict("'" + username + "' is the last enabled admin; make another admin first");
            }
            Map<String, StoredUser> next = new LinkedHashMap<>(users);
            next.remove(username);
            save(next);
            users.remove(username);
            rebuildTokenIndex();
        }
        revokeAll(user);
        LOG.info("user '{}' deleted", username);
    }

    // ---- API tokens ----

    record NewToken(StoredUser.StoredToken token, String secret) {
    }

    NewToken createToken(String username, String name) {
        if (name == null || name.isBlank() || name.length() > 64) {
            throw ApiException.badRequest("Field 'name' must be 1 to 64 characters");
        }
        synchronized (this) {
            StoredUser user = users.get(username);
            if (user == null) {
                throw ApiException.notFound("There is no user '" + username + "'");
            }
            if (user.tokens().size() >= MAX_TOKENS_PER_USER) {
                throw ApiException.conflict("A user can have at most " + MAX_TOKENS_PER_USER + " API tokens; revoke one first");
            }
            String secret = "ckv_" + Secrets.token();
            StoredUser.StoredToken token = new StoredUser.StoredToken(Secrets.id(), name.strip(), Secrets.sha256(secret),
                    System.currentTimeMillis());
            List<StoredUser.StoredToken> tokens = new ArrayList<>(user.tokens());
            tokens.add(token);
            store(user.withTokens(tokens));
            LOG.info("'{}' created API token {} ({})", username, token.id(), token.name());
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
            store(user.withTokens(tokens));
        }
        revoked("t:" + id);
        LOG.info("'{}' revoked API token {}", username, id);
    }

    // ---- watching credentials ----

    /**
     * Registers first, then checks that the credential and the user's role are still what the
     * request was authenticated with. A change is always stored before its revocation looks for
     * watches, so a socket that is still opening is either found by the revocation or sees the
     * change here and is revoked at once: none is missed.
     */
    AccessGuard.Registration watch(AuthenticatedUser user, Runnable onRevoked) {
        Watch watch = new Watch(user.credentialId(), user.username(), onRevoked);
        watches.compute(user.credentialId(), (id, set) -> {
            Set<Watch> next = set == null ? ConcurrentHashMap.newKeySet() : set;
            next.add(watch);
            return next;
        });
        if (!stillValid(user)) {
            watch.close();
            notifyRevoked(List.of(watch));
        }
        return watch;
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
        return watches.values().stream().mapToInt(Set::size).sum();
    }

    private void revoked(String credentialId) {
        Set<Watch> set = watches.remove(credentialId);
        if (set != null) {
            notifyRevoked(List.copyOf(set));
        }
    }

    /** Ends every session of {@code user} and closes every socket the user has open, whatever its credential. */
    private void revokeAll(StoredUser user) {
        for (Sessions.Session session : sessions.removeUser(user.username(), null)) {
            revoked("s:" + session.id());
        }
        List<Watch> found = new ArrayList<>();
        for (String id : List.copyOf(watches.keySet())) {
            watches.computeIfPresent(id, (k, set) -> {
                for (Watch watch : set) {
                    if (watch.username.equals(user.username())) {
                        found.add(watch);
                    }
                }
                set.removeAll(found);
                return set.isEmpty() ? null : set;
            });
        }
        notifyRevoked(found);
    }

    private void notifyRevoked(List<Watch> revoked) {
        if (revoked.isEmpty()) {
            return;
        }
        ScheduledExecutorService executor = sweeper;
        try {
            if (executor == null) {
                throw new java.util.concurrent.RejectedExecutionException("not active");
            }
            executor.execute(() -> revoked.forEach(w -> runQuietly(w.onRevoked)));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            revoked.forEach(w -> runQuietly(w.onRevoked));
        }
    }

    private void sweep() {
        for (Sessions.Session session : sessions.sweep()) {
            LOG.debug("session of '{}' expired", session.username());
            revoked("s:" + session.id());
        }
        limiter.sweep();
        addressLimiter.sweep();
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("closing a connection of a revoked credential failed: {}", e.toString());
        }
    }

    // ---- storage helpers (callers hold the lock) ----

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

    private int enabledAdmins() {
        return (int) users.values().stream().filter(u -> u.enabled() && u.role() == Role.ADMIN).count();
    }

    private void store(StoredUser user) {
        Map<String, StoredUser> next = new LinkedHashMap<>(users);
        next.put(user.username(), user);
        save(next);
        users.put(user.username(), user);
        rebuildTokenIndex();
    }

    private void save(Map<String, StoredUser> next) {
        try {
            userFile.save(new ArrayList<>(next.values()));
        } catch (IOException e) {
            LOG.error("could not write the users file {}: {}", userFile.path(), e.toString());
            throw new ApiException(500, "storage_failed", "The user database could not be written; nothing was changed");
        }
    }

    private void rebuildTokenIndex() {
        Map<String, String[]> next = new LinkedHashMap<>();
        for (StoredUser user : users.values()) {
            for (StoredUser.StoredToken token : user.tokens()) {
                next.put(token.sha256(), new String[] {user.username(), token.id()});
            }
        }
        tokenIndex.keySet().retainAll(next.keySet());
        tokenIndex.putAll(next);
    }
}
