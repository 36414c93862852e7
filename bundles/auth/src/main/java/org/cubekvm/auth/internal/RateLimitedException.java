package org.cubekvm.auth.internal;

/** A login or setup attempt refused by {@link LoginLimiter}; answered 429 with {@code Retry-After}. */
final class RateLimitedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long retryAfterSeconds;

    RateLimitedException(long retryAfterSeconds) {
        super("Too many failed attempts; try again in " + retryAfterSeconds + " s", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
