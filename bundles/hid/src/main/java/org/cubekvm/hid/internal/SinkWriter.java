package org.cubekvm.hid.internal;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.cubekvm.api.hid.HidSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds one {@link HidSink} from two bounded queues, each drained by its own named thread, so
 * a flood of mouse reports never delays a key-up. One writer per sink, shared by every
 * connection and by paste.
 *
 * <p>Keyboard reports are never dropped silently: a producer waits for room (which pushes back
 * on that client's TCP connection); only when the sink has not taken a report for
 * {@link #KEYBOARD_OFFER_TIMEOUT_MILLIS} is the report dropped, counted and logged, and the
 * caller closes the connection (which releases everything). A release is never lost: when the
 * queue is full it is written as soon as the queue has drained, after every report queued
 * before it.
 */
final class SinkWriter {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.hid");

    static final int KEYBOARD_QUEUE_CAPACITY = 128;
    static final int POINTER_QUEUE_CAPACITY = 32;
    static final int POINTER_QUEUE_RESERVE = 32;
    static final long KEYBOARD_OFFER_TIMEOUT_MILLIS = 2000;
    private static final long POLL_MILLIS = 250;
    private static final byte[] RELEASED_KEYBOARD = new byte[HidMessages.KEYBOARD_REPORT_LENGTH];

    private final HidSink sink;
    private final String sinkName;
    private final HidCounters counters;
    private final BlockingQueue<byte[]> keyboard = new ArrayBlockingQueue<>(KEYBOARD_QUEUE_CAPACITY);
    private final PointerQueue pointer = new PointerQueue(POINTER_QUEUE_CAPACITY, POINTER_QUEUE_RESERVE);
    private final AtomicBoolean keyboardReleasePending = new AtomicBoolean();
    private final Thread keyboardThread;
    private final Thread pointerThread;
    private final ErrorLog errors = new ErrorLog();
    private volatile boolean running = true;
    /** The last keyboard report and buttons the sink was given: what the host holds now. */
    private volatile byte[] lastKeyboard = RELEASED_KEYBOARD;
    private volatile int lastButtons;
    /** Reports handed to the queues and reports the drain threads finished with: equal when nothing is in flight. */
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();

    SinkWriter(HidSink sink, String sinkName, HidCounters counters) {
        this.sink = sink;
        this.sinkName = sinkName;
        this.counters = counters;
        keyboardThread = new Thread(this::drainKeyboard, "cubekvm-hid-keyboard");
        pointerThread = new Thread(this::drainPointer, "cubekvm-hid-pointer");
        keyboardThread.setDaemon(true);
        pointerThread.setDaemon(true);
        // Input is what a person waits for: ahead of video work on a single-core device.
        keyboardThread.setPriority(Thread.NORM_PRIORITY + 1);
        pointerThread.setPriority(Thread.NORM_PRIORITY + 1);
    }

    void start() {
        keyboardThread.start();
        pointerThread.start();
    }

    /** Stops both threads; reports still queued are discarded (the sink is going away). */
    void stop() {
        running = false;
        keyboardThread.interrupt();
        pointerThread.interrupt();
    }

    /**
     * Stops both threads, then releases whatever the host still holds, directly: used when this
     * service stops while the sink stays (nothing may stay pressed behind us).
     */
    void stopAndRelease() {
        stop();
        try {
            keyboardThread.join(200);
            pointerThread.join(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!Arrays.equals(lastKeyboard, RELEASED_KEYBOARD)) {
            writeKeyboard(RELEASED_KEYBOARD);
        }
        if (lastButtons != 0) {
            writePointer(new PointerEvent(false, 0, 0, 0, 0));
        }
    }

    HidSink sink() {
        return sink;
    }

    String sinkName() {
        return sinkName;
    }

    /**
     * Queues a copy-free keyboard report (the caller hands over ownership of {@code report}).
     *
     * @return false when the sink took nothing for the offer timeout: the report was dropped
     */
    boolean offerKeyboard(byte[] report) throws InterruptedException {
        if (keyboard.offer(report) || keyboard.offer(report, KEYBOARD_OFFER_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
            accepted.incrementAndGet();
            return true;
        }
        counters.keyboardDropped.increment();
        LOG.warn("the keyboard queue of sink {} stayed full for {} ms; a report was dropped", sinkName,
                KEYBOARD_OFFER_TIMEOUT_MILLIS);
        return false;
    }

    /** Releases every key, after all reports queued so far. Never blocks. */
    void releaseKeyboard() {
        if (keyboard.offer(RELEASED_KEYBOARD) || !keyboardReleasePending.getAndSet(true)) {
            accepted.incrementAndGet();
        }
    }

    PointerQueue.Offer offerPointer(PointerEvent event) {
        PointerQueue.Offer offer = pointer.offer(event);
        if (offer == PointerQueue.Offer.QUEUED) {
            accepted.incrementAndGet();
        } else if (offer == PointerQueue.Offer.COALESCED) {
            counters.pointerCoalesced.increment();
        } else if (offer == PointerQueue.Offer.DROPPED) {
            counters.pointerDropped.increment();
            errors.log("pointer queue full, a button change was dropped", null);
        }
        return offer;
    }

    byte[] lastKeyboard() {
        return lastKeyboard;
    }

    int lastButtons() {
        return lastButtons;
    }

    int queuedKeyboard() {
        return keyboard.size();
    }

    int queuedPointer() {
        return pointer.size();
    }

    /**
     * True when every report accepted so far has been given to the sink (or failed there), so
     * a caller that stopped producing knows the sink has seen all of it. Accepted is counted
     * after the report entered its queue: call this only once every producer has returned.
     */
    boolean drained() {
        return finished.get() >= accepted.get();
    }

    private void drainKeyboard() {
        while (running) {
            try {
                byte[] report = keyboard.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (report != null) {
                    writeKeyboard(report);
                    finished.incrementAndGet();
                }
                if (keyboard.isEmpty() && keyboardReleasePending.getAndSet(false)) {
                    writeKeyboard(RELEASED_KEYBOARD);
                    finished.incrementAndGet();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void drainPointer() {
        while (running) {
            try {
                PointerEvent event = pointer.poll(POLL_MILLIS);
                if (event != null) {
                    writePointer(event);
                    finished.incrementAndGet();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void writeKeyboard(byte[] report) {
        try {
            sink.keyboard(report, 0);
            lastKeyboard = report;
            counters.keyboardWritten.increment();
        } catch (IllegalArgumentException e) {
            counters.sinkRejected.increment();
            errors.log("sink " + sinkName + " rejected keyboard report " + Arrays.toString(report), e);
        } catch (RuntimeException e) {
            counters.sinkErrors.increment();
            errors.log("sink " + sinkName + " failed to write a keyboard report", e);
        }
    }

    private void writePointer(PointerEvent event) {
        try {
            if (event.absolute()) {
                sink.mouseAbsolute(event.buttons(), event.x(), event.y(), event.wheel());
            } else {
                sink.mouseRelative(event.buttons(), event.x(), event.y(), event.wheel());
            }
            lastButtons = event.buttons();
            counters.pointerWritten.increment();
        } catch (IllegalArgumentException e) {
            counters.sinkRejected.increment();
            errors.log("sink " + sinkName + " rejected mouse report " + event, e);
        } catch (RuntimeException e) {
            counters.sinkErrors.increment();
            errors.log("sink " + sinkName + " failed to write a mouse report", e);
        }
    }

    /** Repeated errors are logged once, then once per minute with the number suppressed. */
    private static final class ErrorLog {
        private static final long QUIET_NANOS = TimeUnit.MINUTES.toNanos(1);
        private long lastLogged = System.nanoTime() - QUIET_NANOS;
        private long suppressed;

        synchronized void log(String what, RuntimeException cause) {
            long now = System.nanoTime();
            if (now - lastLogged < QUIET_NANOS) {
                suppressed++;
                return;
            }
            String more = suppressed == 0 ? "" : " (" + suppressed + " similar errors in the last minute were not logged)";
            if (cause == null) {
                LOG.warn("{}{}", what, more);
            } else {
                LOG.warn("{}: {}{}", what, cause.toString(), more);
            }
            lastLogged = now;
            suppressed = 0;
        }
    }
}
