package org.cubekvm.auth.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cubekvm.api.auth.Role;
import org.cubekvm.api.rest.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounts in memory and in the users file. A change is written to the file first and
 * applied in memory only when that worked, so a failed request changes nothing. Callers hold
 * {@link AuthService}'s lock for everything but {@link #tokenOwner}, which reads a concurrent
 * index of API token hashes.
 */
final class UserStore {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.auth");

    private final UserFile file;
    private final Map<String, StoredUser> users = new LinkedHashMap<>();
    /** SHA-256 of an API token's secret → [username, token id, scope id]. */
    private final Map<String, String[]> tokenIndex = new ConcurrentHashMap<>();

    UserStore(UserFile file) {
        this.file = file;
    }

    void load() throws IOException {
        for (StoredUser user : file.load()) {
            users.put(user.username(), user);
        }
        rebuildTokenIndex();
    }

    /** [username, token id, scope id] of an API token's secret, or null; needs no lock. */
    String[] tokenOwner(String secret) {
        return tokenIndex.get(Secrets.sha256(secret));
    }

    boolean isEmpty() {
        return users.isEmpty();
    }

    StoredUser get(String username) {
        return users.get(username);
    }

    boolean contains(String username) {
        return users.containsKey(username);
    }

    List<StoredUser> all() {
        return new ArrayList<>(users.values());
    }

    int enabledAdmins() {
        return (int) users.values().stream().filter(u -> u.enabled() && u.role() == Role.ADMIN).count();
    }

    /** Adds or replaces {@code user}. */
    void store(StoredUser user) {
        Map<String, StoredUser> next = new LinkedHashMap<>(users);
        next.put(user.username(), user);
        save(next);
        users.put(user.username(), user);
        rebuildTokenIndex();
    }

    void remove(String username) {
        Map<String, StoredUser> next = new LinkedHashMap<>(users);
        next.remove(username);
        save(next);
        users.remove(username);
        rebuildTokenIndex();
    }

    private void save(Map<String, StoredUser> next) {
        try {
            file.save(new ArrayList<>(next.values()));
        } catch (IOException e) {
            LOG.error("could not write the users file {}: {}", file.path(), e.toString());
            throw new ApiException(500, "storage_failed", "The user database could not be written; nothing was changed");
        }
    }

    private void rebuildTokenIndex() {
        Map<String, String[]> next = new LinkedHashMap<>();
        for (StoredUser user : users.values()) {
            for (StoredUser.StoredToken token : user.tokens()) {
                next.put(token.sha256(), new String[] {user.username(), token.id(), token.scope().id()});
            }
        }
        tokenIndex.keySet().retainAll(next.keySet());
        tokenIndex.putAll(next);
    }
}
