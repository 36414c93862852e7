package org.cubekvm.auth.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Browser sessions, in memory (a restart logs everyone out). Keyed by the SHA-256 of the
 * cookie's token; each expires after {@code idle} without use and at the latest {@code absolute}
 * after login.
 */
final class Sessions {
    record Session(String id, String username, long createdMillis, long lastUsedMillis) {
    }

    private final Map<String, Session> byHash = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private volatile long idleMillis;
    private volatile long absoluteMillis;

    Sessions(LongSupplier clock, long idleMillis, long absoluteMillis) {
        this.clock = clock;
        this.idleMillis = idleMillis;
        this.absoluteMillis = absoluteMillis;
    }

    void limits(long idle, long absolute) {
        this.idleMillis = idle;
        this.absoluteMillis = absolute;
    }

    /** @return the new session's secret token (for the cookie) */
    String create(String username, List<Session> created) {
        String token = Secrets.token();
        long now = clock.getAsLong();
        Session session = new Session(Secrets.id(), username, now, now);
        byHash.put(Secrets.sha256(token), session);
        created.add(session);
        return token;
    }

    /** The live session of a cookie token (touching it), or null when unknown or expired. */
    Session use(String token) {
        String hash = Secrets.sha256(token);
        Session session = byHash.get(hash);
        if (session == null) {
            return null;
        }
        long now = clock.getAsLong();
        if (expired(session, now)) {
            return null;
        }
        // Touch at most once a second: a busy page must not rewrite the map on every request.
        if (now - session.lastUsedMillis() > 1000) {
            byHash.replace(hash, session, new Session(session.id(), session.username(), session.createdMillis(), now));
        }
        return session;
    }

    /** Whether a session with this id exists for {@code username} and has not expired (does not touch it). */
    boolean isLive(String id, String username) {
        long now = clock.getAsLong();
        for (Session session : byHash.values()) {
            if (session.id().equals(id)) {
                return session.username().equals(username) && !expired(session, now);
            }
        }
        return false;
    }

    /** Every session that has not expired. */
    List<Session> live() {
        long now = clock.getAsLong();
        List<Session> result = new ArrayList<>();
        for (Session session : byHash.values()) {
            if (!expired(session, now)) {
                result.add(session);
            }
        }
        return result;
    }

    /** Removes the session with this id; @return it, or null. */
    Session removeById(String id) {
        for (Iterator<Map.Entry<String, Session>> it = byHash.entrySet().iterator(); it.hasNext();) {
            Session session = it.next().getValue();
            if (session.id().equals(id)) {
                it.remove();
                return session;
            }
        }
        return null;
    }

    /** Removes the session of {@code token}; @return it, or null. */
    Session remove(String token) {
        return byHash.remove(Secrets.sha256(token));
    }

    /** Removes every session of {@code username} except the one with id {@code keepId} (may be null). */
    List<Session> removeUser(String username, String keepId) {
        List<Session> removed = new ArrayList<>();
        for (Iterator<Map.Entry<String, Session>> it = byHash.entrySet().iterator(); it.hasNext();) {
            Session session = it.next().getValue();
            if (session.username().equals(username) && !session.id().equals(keepId)) {
                it.remove();
                removed.add(session);
            }
        }
        return removed;
    }

    /** Removes every expired session; @return them. */
    List<Session> sweep() {
        long now = clock.getAsLong();
        List<Session> removed = new ArrayList<>();
        for (Iterator<Map.Entry<String, Session>> it = byHash.entrySet().iterator(); it.hasNext();) {
            Session session = it.next().getValue();
            if (expired(session, now)) {
                it.remove();
                removed.add(session);
            }
        }
        return removed;
    }

    List<Session> clear() {
        List<Session> all = new ArrayList<>(byHash.values());
        byHash.clear();
        return all;
    }

    int size() {
        return byHash.size();
    }

    private boolean expired(Session session, long now) {
        return now - session.lastUsedMillis() > idleMillis || now - session.createdMillis() > absoluteMillis;
    }
}
