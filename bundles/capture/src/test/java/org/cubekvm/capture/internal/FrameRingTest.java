package org.cubekvm.capture.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.cubekvm.testsupport.Await;
import org.junit.jupiter.api.Test;

class FrameRingTest {
    private static final int SIZE = 4096;

    /** The writer fills a whole slot with one byte derived from the seq; a torn read would mix values. */
    private static void write(FrameRing ring, FrameSlot slot, long seqToBe) {
        byte value = (byte) seqToBe;
        slot.buffer.clear();
        for (int i = 0; i < SIZE; i++) {
            slot.buffer.put(i, value);
        }
        slot.size = SIZE;
    }

    @Test
    void emptyRingHasNoFrame() {
        assertNull(new FrameRing(3, 16).acquireNewest());
    }

    @Test
    void readerGetsNewestFrameNotABacklog() {
        FrameRing ring = new FrameRing(4, SIZE);
        for (int i = 1; i <= 3; i++) {
            FrameSlot slot = ring.claim();
            write(ring, slot, i);
            ring.publish(slot);
        }
        FrameSlot newest = ring.acquireNewest();
        assertEquals(3, newest.seq);
        ring.release(newest);
    }

    @Test
    void aFrameBehindTheNewestCanBeTakenWhileTheRingHasItAndIsThenKeptFromTheWriter() {
        FrameRing ring = new FrameRing(4, SIZE);
        for (int i = 1; i <= 3; i++) {
            FrameSlot slot = ring.claim();
            write(ring, slot, i);
            ring.publish(slot);
        }
        FrameSlot second = ring.acquire(2);
        assertEquals(2, second.seq);
        assertEquals((byte) 2, second.buffer.get(0));
        assertNull(ring.acquire(4), "not published yet");
        FrameSlot writing = ring.claim();
        assertNull(ring.acquire(writing.seq), "a slot being written is never given out under its old seq");
        ring.publish(writing); // seq 4
        for (int i = 5; i <= 8; i++) {
            FrameSlot slot = ring.claim();
            assertTrue(slot.index != second.index, "the held frame is not overwritten");
            ring.publish(slot);
        }
        assertEquals(2, second.seq);
        ring.release(second);
        assertNull(ring.acquire(1), "overwritten");
        for (int i = 0; i < 4; i++) {
            ring.publish(ring.claim());
        }
        assertNull(ring.acquire(2), "released and overwritten since");
    }

    @Test
    void heldSlotIsNeverClaimedAndFullRingDropsInsteadOfOverwriting() {
        FrameRing ring = new FrameRing(3, SIZE);
        List<FrameSlot> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FrameSlot slot = ring.claim();
            assertNotNull(slot, "slot " + i);
            ring.publish(slot);
            held.add(ring.acquireNewest());
        }
        assertNull(ring.claim(), "every slot is held, so the writer must not get one");
        ring.release(held.get(0));
        FrameSlot freed = ring.claim();
        assertEquals(held.get(0).index, freed.index);
    }

    @Test
    void concurrentReadersNeverSeeTornOrOlderFrames() throws Exception {
        FrameRing ring = new FrameRing(6, SIZE);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            long seq = 0;
            while (!stop.get()) {
                FrameSlot slot = ring.claim();
                if (slot == null) {
                    continue;
                }
                write(ring, slot, seq + 1);
                seq = ring.publish(slot);
            }
        }, "test-writer");
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            readers.add(new Thread(() -> {
                long last = 0;
                while (!stop.get()) {
                    FrameSlot slot = ring.acquireNewest();
                    if (slot == null) {
                        continue;
                    }
                    long seq = slot.seq;
                    byte expected = (byte) seq;
                    for (int i = 0; i < SIZE; i += 97) {
                        if (slot.buffer.get(i) != expected) {
                            failure.compareAndSet(null, "torn frame " + seq + " at byte " + i);
                        }
                    }
                    if (slot.buffer.get(SIZE - 1) != expected || seq != slot.seq) {
                        failure.compareAndSet(null, "frame " + seq + " changed while held");
                    }
                    if (seq < last) {
                        failure.compareAndSet(null, "went back from " + last + " to " + seq);
                    }
                    last = seq;
                    ring.release(slot);
                }
            }, "test-reader-" + r));
        }
        writer.start();
        readers.forEach(Thread::start);
        // Runs until the writer has published enough frames; the deadline only bounds a broken run.
        try {
            Await.until("2000 frames published or a failure", Duration.ofSeconds(60),
                    () -> ring.newestSeq() > 2000 || failure.get() != null);
        } finally {
            stop.set(true);
        }
        writer.join();
        for (Thread reader : readers) {
            reader.join();
        }
        assertNull(failure.get());
        assertTrue(ring.newestSeq() > 2000, "the writer made progress: " + ring.newestSeq());
    }
}
