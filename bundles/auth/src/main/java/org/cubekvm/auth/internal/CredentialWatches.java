package org.cubekvm.auth.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.auth.AuthenticatedUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who watches which credential (open WebSockets, video streams), and closing them when the
 * credential is revoked. The close actions run on the executor given (the auth sweeper), never
 * on the thread that revoked; without one (not active, or shut down) they run at once.
 */
final class CredentialWatches {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.auth");

    private final Map<String, Set<Watch>> watches = new ConcurrentHashMap<>();
    /** Whether a user's credential and role are still what the request was authenticated with. */
    private final Predicate<AuthenticatedUser> stillValid;
    private volatile Executor executor;

    CredentialWatches(Predicate<AuthenticatedUser> stillValid) {
        this.stillValid = stillValid;
    }

    void executor(Executor executor) {
        this.executor = executor;
    }

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
        if (!stillValid.test(user)) {
            watch.close();
            notifyRevoked(List.of(watch));
        }
        return watch;
    }

    int count() {
        return watches.values().stream().mapToInt(Set::size).sum();
    }

    /** Closes whatever watches this credential. */
    void revoke(String credentialId) {
        Set<Watch> set = watches.remove(credentialId);
        if (set != null) {
            notifyRevoked(List.copyOf(set));
        }
    }

    /** Closes whatever watches any credential of this user. */
    void revokeUser(String username) {
        List<Watch> found = new ArrayList<>();
        for (String id : List.copyOf(watches.keySet())) {
            watches.computeIfPresent(id, (k, set) -> {
                for (Watch watch : set) {
                    if (watch.username.equals(username)) {
                        found.add(watch);
                    }
                }
                set.removeAll(found);
                return set.isEmpty() ? null : set;
            });
        }
        notifyRevoked(found);
    }

    /** Access control is going away: everything that relied on it closes now, on this thread. */
    void closeAll() {
        List<Watch> all = new ArrayList<>();
        watches.values().forEach(all::addAll);
        watches.clear();
        for (Watch watch : all) {
            runQuietly(watch.onRevoked);
        }
    }

    private void notifyRevoked(List<Watch> revoked) {
        if (revoked.isEmpty()) {
            return;
        }
        Executor current = executor;
        try {
            if (current == null) {
                throw new RejectedExecutionException("not active");
            }
            current.execute(() -> revoked.forEach(w -> runQuietly(w.onRevoked)));
        } catch (RejectedExecutionException e) {
            revoked.forEach(w -> runQuietly(w.onRevoked));
        }
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("closing a connection of a revoked credential failed: {}", e.toString());
        }
    }
}
