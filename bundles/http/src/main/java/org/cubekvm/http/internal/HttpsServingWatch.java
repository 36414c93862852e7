package org.cubekvm.http.internal;

import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * Waits until Jetty, restarted with HTTPS, serves, and publishes the port that serves. When HTTPS is
 * slow to come up (keytool and a Jetty restart on a busy device), it publishes 0 after
 * {@code patienceMillis}, so plain HTTP works meanwhile, and goes on waiting: once HTTPS serves it
 * publishes the HTTPS port, so the access guard starts redirecting to it without a restart of the
 * platform. Before this, a slow start left the device on plain HTTP without the redirect until the
 * next start.
 */
final class HttpsServingWatch {
    /** One attempt to reach our own HTTPS; true when it served. */
    interface Probe {
        boolean serves() throws InterruptedException;
    }

    /** Waits between attempts. */
    interface Pause {
        void millis(long millis) throws InterruptedException;
    }

    static final long FIRST_INTERVAL_MILLIS = 100;
    /** After the patience is spent, a slower pace: a TLS handshake attempt costs CPU on the device. */
    static final long LATER_INTERVAL_MILLIS = 2_000;

    private final int port;
    private final Probe probe;
    private final IntConsumer publish;
    private final long patienceMillis;
    private final LongSupplier clock;
    private final Pause pause;

    HttpsServingWatch(int port, Probe probe, IntConsumer publish, long patienceMillis, LongSupplier clock, Pause pause) {
        if (port <= 0) {
            throw new IllegalArgumentException("an HTTPS port is needed, was " + port);
        }
        this.port = port;
        this.probe = probe;
        this.publish = publish;
        this.patienceMillis = patienceMillis;
        this.clock = clock;
        this.pause = pause;
    }

    /**
     * Returns once HTTPS serves (its port published) or throws when interrupted.
     *
     * @param onGaveUpWaiting told once, when the patience is spent and 0 was published
     */
    void await(Runnable onGaveUpWaiting) throws InterruptedException {
        long end = clock.getAsLong() + patienceMillis;
        boolean fallbackPublished = false;
        while (!probe.serves()) {
            if (!fallbackPublished && clock.getAsLong() >= end) {
                publish.accept(0);
                fallbackPublished = true;
                onGaveUpWaiting.run();
            }
            pause.millis(fallbackPublished ? LATER_INTERVAL_MILLIS : FIRST_INTERVAL_MILLIS);
        }
        publish.accept(port);
    }
}
