package org.cubekvm.mjpeg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The pacer's thread: started by a wake, looks at waiting viewers until none waits, named, stoppable. */
class SendPacerTest {
    @Test
    void aWokenPacerLooksAtAWaiterUntilItStopsWaitingOnItsOwnNamedThread() throws InterruptedException {
        SendPacer pacer = new SendPacer(1_000_000L, "cubekvm-mjpeg-pacer");
        AtomicInteger looks = new AtomicInteger();
        CountDownLatch resumed = new CountDownLatch(1);
        String[] threadName = new String[1];
        SendPacer.Waiter waiter = now -> {
            threadName[0] = Thread.currentThread().getName();
            if (looks.incrementAndGet() < 3) {
                return true; // still draining
            }
            resumed.countDown();
            return false;
        };
        pacer.add(waiter);
        assertFalse(pacer.running(), "no thread before the first wait");
        pacer.wake();
        assertTrue(resumed.await(30, TimeUnit.SECONDS), "the waiter was looked at until it stopped waiting");
        assertEquals("cubekvm-mjpeg-pacer", threadName[0]);
        pacer.stop();
        assertFalse(pacer.running(), "stopped");
        pacer.wake();
        assertFalse(pacer.running(), "a stopped pacer starts no thread");
    }

    @Test
    void aRemovedWaiterIsNotLookedAt() throws InterruptedException {
        SendPacer pacer = new SendPacer(1_000_000L, "cubekvm-mjpeg-pacer");
        AtomicInteger removedLooks = new AtomicInteger();
        CountDownLatch kept = new CountDownLatch(1);
        SendPacer.Waiter removed = now -> {
            removedLooks.incrementAndGet();
            return false;
        };
        pacer.add(removed);
        pacer.add(now -> {
            kept.countDown();
            return false;
        });
        pacer.remove(removed);
        pacer.wake();
        assertTrue(kept.await(30, TimeUnit.SECONDS));
        pacer.stop();
        assertEquals(0, removedLooks.get());
    }
}
