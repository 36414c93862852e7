package org.cubekvm.auth.internal;

import java.util.HashMap;
import java.util.Map;
import org.cubekvm.api.auth.AccessGuard;
import org.cubekvm.api.rest.ApiException;

/**
 * Caps the video streams (MJPEG, H.264 WebSocket) open at once: per credential (one session or
 * one API token) and in total, so no client can spend the device's small heap and its sockets
 * on streams. A slot is taken before a stream starts and given back when it ends; a refusal is
 * {@code 429 too_many_streams}.
 */
final class StreamBudget {
    private final Map<String, Integer> perCredential = new HashMap<>();
    private int total;
    private int perCredentialLimit;
    private int totalLimit;

    StreamBudget(int perCredentialLimit, int totalLimit) {
        configure(perCredentialLimit, totalLimit);
    }

    synchronized void configure(int newPerCredential, int newTotal) {
        this.perCredentialLimit = newPerCredential;
        this.totalLimit = newTotal;
    }

    /** @return the slot, released by {@link AccessGuard.Registration#close()} (once; later calls do nothing) */
    AccessGuard.Registration acquire(String credentialId) {
        synchronized (this) {
            int mine = perCredential.getOrDefault(credentialId, 0);
            if (mine >= perCredentialLimit) {
                throw new ApiException(429, "too_many_streams", "This session or API token has " + mine
                        + " video streams open, the most it may; close one first");
            }
            if (total >= totalLimit) {
                throw new ApiException(429, "too_many_streams", "The device serves " + total
                        + " video streams, the most it can; try again when one has ended");
            }
            perCredential.put(credentialId, mine + 1);
            total++;
        }
        return new AccessGuard.Registration() {
            private boolean released;

            @Override
            public void close() {
                synchronized (StreamBudget.this) {
                    if (released) {
                        return;
                    }
                    released = true;
                    total--;
                    perCredential.computeIfPresent(credentialId, (k, n) -> n <= 1 ? null : n - 1);
                }
            }
        };
    }

    synchronized int total() {
        return total;
    }
}
