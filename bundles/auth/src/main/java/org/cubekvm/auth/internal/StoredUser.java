package org.cubekvm.auth.internal;

import java.util.List;
import org.cubekvm.api.auth.Role;
import org.cubekvm.api.auth.TokenScope;

/** One account as kept in the users file; immutable, replaced on every change. */
record StoredUser(String username, Role role, boolean enabled, String passwordHash, List<StoredToken> tokens) {
    StoredUser {
        tokens = List.copyOf(tokens);
    }

    StoredUser withRole(Role newRole) {
        return new StoredUser(username, newRole, enabled, passwordHash, tokens);
    }

    StoredUser withEnabled(boolean newEnabled) {
        return new StoredUser(username, role, newEnabled, passwordHash, tokens);
    }

    StoredUser withPasswordHash(String newHash) {
        return new StoredUser(username, role, enabled, newHash, tokens);
    }

    StoredUser withTokens(List<StoredToken> newTokens) {
        return new StoredUser(username, role, enabled, passwordHash, newTokens);
    }

    /** An API token: only the SHA-256 of its secret is stored; {@code scope} limits what it may do. */
    record StoredToken(String id, String name, String sha256, long createdMillis, TokenScope scope) {
        StoredToken {
            scope = scope == null ? TokenScope.ALL : scope;
        }
    }
}
