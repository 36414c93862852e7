package org.cubekvm.hid.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PointerQueueTest {

    @Test
    void keepsEveryReportWhileThereIsRoom() throws InterruptedException {
        PointerQueue queue = new PointerQueue(4, 2);
        for (int i = 0; i < 4; i++) {
            assertEquals(PointerQueue.Offer.QUEUED, queue.offer(new PointerEvent(true, 0, i, i, 0)));
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(i, queue.poll(0).x());
        }
        assertNull(queue.poll(0));
    }

    @Test
    void whenFullTheNewestAbsolutePositionWins() throws InterruptedException {
        PointerQueue queue = new PointerQueue(2, 2);
        queue.offer(new PointerEvent(true, 0, 1, 1, 0));
        queue.offer(new PointerEvent(true, 0, 2, 2, 0));
        assertEquals(PointerQueue.Offer.COALESCED, queue.offer(new PointerEvent(true, 0, 3, 3, 1)));
        assertEquals(PointerQueue.Offer.COALESCED, queue.offer(new PointerEvent(true, 0, 4, 4, 1)));
        assertEquals(1, queue.poll(0).x());
        assertEquals(new PointerEvent(true, 0, 4, 4, 2), queue.poll(0));
    }

    @Test
    void whenFullRelativeMovesAddUp() throws InterruptedException {
        PointerQueue queue = new PointerQueue(1, 1);
        queue.offer(new PointerEvent(false, 0, 100, -100, 0));
        assertEquals(PointerQueue.Offer.COALESCED, queue.offer(new PointerEvent(false, 0, 20, -20, 0)));
        assertEquals(PointerQueue.Offer.QUEUED, queue.offer(new PointerEvent(false, 0, 20, 0, 0)), "127 would overflow");
        assertEquals(new PointerEvent(false, 0, 120, -120, 0), queue.poll(0));
        assertEquals(new PointerEvent(false, 0, 20, 0, 0), queue.poll(0));
    }

    @Test
    void buttonChangesAreNeverMergedAndUseTheReserve() throws InterruptedException {
        PointerQueue queue = new PointerQueue(1, 1);
        queue.offer(new PointerEvent(true, 0, 5, 5, 0));
        assertEquals(PointerQueue.Offer.QUEUED, queue.offer(new PointerEvent(true, 1, 5, 5, 0)));
        assertEquals(PointerQueue.Offer.DROPPED, queue.offer(new PointerEvent(true, 0, 5, 5, 0)));
        assertEquals(0, queue.poll(0).buttons());
        assertEquals(1, queue.poll(0).buttons());
    }
}
