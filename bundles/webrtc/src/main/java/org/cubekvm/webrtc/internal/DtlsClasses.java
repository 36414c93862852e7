package org.cubekvm.webrtc.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classes DTLS handshakes run on (BouncyCastle's TLS, ASN.1 and crypto, ~380 of them, and
 * {@code internal.dtls}): loaded by a {@link DtlsClassLoader} of their own for the first handshake,
 * shared by every handshake while one runs, and dropped {@code grace} after the last one ended, with
 * one full GC that unloads them. A session needs none of them once its SRTP keys are made, so an
 * established WebRTC viewer does not keep ~1.4 MB of class metadata (BENCHMARKS.md, "DTLS classes
 * unloaded after the handshake"); a handshake within the grace (a page reload) reuses them, a later one
 * loads them again. The wait runs on a short-lived thread, {@code webrtc-dtls-release}.
 */
final class DtlsClasses implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.webrtc");
    /** The handshake, as {@link DtlsClassLoader} defines it. */
    static final String IMPLEMENTATION = DtlsClassLoader.HANDSHAKE_PACKAGE + "BcDtlsHandshake";
    static final long DEFAULT_GRACE_MILLIS = 5_000;

    private final ClassLoader parent;
    private final long graceNanos;
    private DtlsHandshake handshake;
    private int running;
    private long idleSince;
    private Thread releaser;
    private boolean closed;
    private long releases;

    /**
     * @param parent the loader with BouncyCastle's and {@code internal.dtls}'s class files as resources
     *               (the bundle's)
     * @param graceMillis how long the classes stay after the last handshake ended
     */
    DtlsClasses(ClassLoader parent, long graceMillis) {
        this.parent = parent;
        this.graceNanos = TimeUnit.MILLISECONDS.toNanos(graceMillis);
    }

    /** Classes of this class's loader (the bundle's), released {@link #DEFAULT_GRACE_MILLIS} after the last handshake. */
    static DtlsClasses withDefaultGrace() {
        return new DtlsClasses(DtlsClasses.class.getClassLoader(), DEFAULT_GRACE_MILLIS);
    }

    /**
     * The handshake implementation, loading its classes if they are not loaded; pair every call with
     * {@link #release()}.
     *
     * @throws IOException when WebRTC is stopping or the classes cannot be loaded
     */
    synchronized DtlsHandshake acquire() throws IOException {
        if (closed) {
            throw new IOException("webrtc: stopping");
        }
        if (handshake == null) {
            try {
                handshake = (DtlsHandshake) new DtlsClassLoader(parent).loadClass(IMPLEMENTATION)
                        .getConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new IOException("webrtc: the DTLS classes could not be loaded: " + e, e);
            }
        }
        running++;
        return handshake;
    }

    /**
     * Runs one handshake on {@code channel} with the classes (loading them if they are not loaded); the
     * grace starts again when it ends. See {@link DtlsHandshake#accept}.
     *
     * @throws IOException when the handshake fails, the channel closes, WebRTC is stopping or the classes
     *                     cannot be loaded
     */
    DtlsHandshake.Keys accept(DtlsIdentity identity, byte[] expectedFingerprint, DtlsChannel channel) throws IOException {
        return using(handshake -> handshake.accept(identity, expectedFingerprint, channel));
    }

    /**
     * A new server identity, made with the handshake's classes (loading them if they are not loaded; the
     * grace starts again after it), on a short-lived thread, {@code webrtc-dtls-identity}: BouncyCastle
     * keeps objects of its classes in thread-locals of the thread that first uses it (the default DSA and
     * DH parameters of {@code CryptoServicesRegistrar}), which on a long-lived thread (an HTTP request's)
     * would keep the classes from being unloaded. Handshakes run on their sessions' threads, which end too.
     *
     * @throws IOException when WebRTC is stopping or the classes cannot be loaded or used
     */
    DtlsIdentity newIdentity() throws IOException {
        return using(handshake -> {
            FutureTask<DtlsIdentity> making = new FutureTask<>(handshake::newIdentity);
            Thread thread = new Thread(making, "webrtc-dtls-identity");
            thread.setDaemon(true);
            thread.start();
            try {
                return making.get();
            } catch (ExecutionException e) {
                throw new IOException("webrtc: the DTLS identity could not be made: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("webrtc: interrupted while the DTLS identity was made", e);
            }
        });
    }

    /** What {@link #using} runs with the classes. */
    private interface Use<T> {
        T with(DtlsHandshake handshake) throws IOException;
    }

    /** {@code use} with the classes, between an {@link #acquire()} and its {@link #release()}. */
    private <T> T using(Use<T> use) throws IOException {
        DtlsHandshake handshake = acquire();
        try {
            return use.with(handshake);
        } finally {
            release();
        }
    }

    /** One handshake that {@link #acquire()} served ended (completed or failed). */
    synchronized void release() {
        if (running == 0) {
            throw new IllegalStateException("webrtc: release() without acquire()");
        }
        if (--running == 0) {
            idleSince = System.nanoTime();
            if (releaser == null && !closed) {
                releaser = new Thread(this::releaseWhenIdle, "webrtc-dtls-release");
                releaser.setDaemon(true);
                releaser.start();
            }
            notifyAll();
        }
    }

    /** Whether the classes are loaded now. */
    synchronized boolean loaded() {
        return handshake != null;
    }

    /** How often the classes were dropped since this was made. */
    synchronized long releases() {
        return releases;
    }

    private void releaseWhenIdle() {
        if (!dropAfterGrace()) {
            return;
        }
        // Serial GC unloads classes only in a full collection; without one they would stay until the
        // old generation next fills, minutes away under a steady load.
        long unloadedBefore = ManagementFactory.getClassLoadingMXBean().getUnloadedClassCount();
        long started = System.nanoTime();
        System.gc();
        LOG.info("webrtc: DTLS classes released, {} classes unloaded (full GC {} ms)",
                ManagementFactory.getClassLoadingMXBean().getUnloadedClassCount() - unloadedBefore,
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Waits until no handshake has run for the grace, then drops the classes; false when a handshake
     * started meanwhile (its release starts the wait again) or WebRTC is stopping.
     */
    private synchronized boolean dropAfterGrace() {
        try {
            while (!closed && running == 0) {
                long left = idleSince + graceNanos - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            if (closed || running > 0) {
                return false;
            }
            handshake = null;
            releases++;
            return true;
        } catch (InterruptedException e) {
            return false;
        } finally {
            if (releaser == Thread.currentThread()) {
                releaser = null;
            }
        }
    }

    /** Drops the classes and ends the waiting thread (bundle stop); handshakes have ended before. */
    @Override
    public void close() {
        Thread waiting;
        synchronized (this) {
            closed = true;
            handshake = null;
            waiting = releaser;
            notifyAll();
        }
        if (waiting != null && waiting != Thread.currentThread()) {
            try {
                waiting.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
