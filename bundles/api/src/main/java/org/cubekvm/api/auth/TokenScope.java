package org.cubekvm.api.auth;

import java.util.Locale;

/**
 * What a credential may be used for, on top of its user's {@link Role}. Sessions and ordinary API
 * tokens have {@link #ALL}; an API token created with a narrower scope can do only that, whatever
 * its user's role (a Prometheus server's token that can read {@code /metrics} and nothing else).
 */
public enum TokenScope {
    /** Everything the user's role allows. */
    ALL,
    /** Only {@code GET}/{@code HEAD} {@code /metrics} (which also needs the admin role). */
    METRICS;

    /** The name used in JSON: {@code all}, {@code metrics}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the scope named {@code id}, or null */
    public static TokenScope fromId(String id) {
        for (TokenScope scope : values()) {
            if (scope.id().equals(id)) {
                return scope;
            }
        }
        return null;
    }

    /**
     * @param method the request's method
     * @param path   decoded and normalised, from the server root
     * @return whether a credential of this scope may be used for the request
     */
    public boolean allows(String method, String path) {
        return switch (this) {
            case ALL -> true;
            case METRICS -> ("GET".equals(method) || "HEAD".equals(method)) && "/metrics".equals(path);
        };
    }
}
