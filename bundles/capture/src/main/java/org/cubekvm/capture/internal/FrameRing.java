package org.cubekvm.capture.internal;

/**
 * A fixed ring of encoded frames: one writer (the capture thread), many readers (viewers),
 * each taking the newest frame (an H.264 viewer that fell behind may take the next one while
 * the ring still has it). A slot held by a reader is never overwritten; when every
 * slot is held, the writer has nowhere to put a frame and the frame is dropped. Lock-free and
 * allocation-free.
 */
final class FrameRing {
    private final FrameSlot[] slots;
    private volatile FrameSlot newest;
    private int next;
    private long seq;

    FrameRing(int slotCount, int slotCapacity) {
        if (slotCount < 2) {
            throw new IllegalArgumentException("a frame ring needs at least 2 slots, was " + slotCount);
        }
        slots = new FrameSlot[slotCount];
        for (int i = 0; i < slotCount; i++) {
            slots[i] = new FrameSlot(i, slotCapacity);
        }
    }

    int slotCount() {
        return slots.length;
    }

    FrameSlot slot(int index) {
        return slots[index];
    }

    /** Writer: a free slot marked as being written, or null when every slot is held. */
    FrameSlot claim() {
        FrameSlot current = newest;
        for (int i = 0; i < slots.length; i++) {
            FrameSlot candidate = slots[(next + i) % slots.length];
            if (candidate != current && candidate.refs.compareAndSet(0, FrameSlot.WRITING)) {
                next = (candidate.index + 1) % slots.length;
                return candidate;
            }
        }
        return null;
    }

    /** Writer: gives back a claimed slot that received no frame. */
    void abandon(FrameSlot slot) {
        slot.refs.addAndGet(-FrameSlot.WRITING);
    }

    /** Writer: makes a filled slot the newest frame; returns its sequence number (1, 2, 3 …). */
    long publish(FrameSlot slot) {
        slot.seq = ++seq;
        slot.refs.addAndGet(-FrameSlot.WRITING);
        newest = slot;
        return slot.seq;
    }

    /** Reader: the newest frame, held until {@link #release(FrameSlot)}; null before the first frame. */
    FrameSlot acquireNewest() {
        while (true) {
            FrameSlot slot = newest;
            if (slot == null) {
                return null;
            }
            int refs = slot.refs.incrementAndGet();
            // The writer never claims the newest slot, so if it is still the newest it is complete.
            if (refs > 0 && newest == slot) {
                return slot;
            }
            slot.refs.decrementAndGet();
        }
    }

    /**
     * Reader: the frame with sequence number {@code wanted} if the ring still has it, held until
     * {@link #release(FrameSlot)}; null when it was overwritten (or is not published yet).
     */
    FrameSlot acquire(long wanted) {
        for (FrameSlot slot : slots) {
            if (slot.seq != wanted) {
                continue;
            }
            int refs = slot.refs.incrementAndGet();
            // Held now, so the writer cannot claim it; a slot being written has negative refs, and one
            // rewritten since the first look has another seq.
            if (refs > 0 && slot.seq == wanted) {
                return slot;
            }
            slot.refs.decrementAndGet();
        }
        return null;
    }

    /** Sequence number of the newest frame, 0 before the first. */
    long newestSeq() {
        FrameSlot slot = newest;
        return slot == null ? 0 : slot.seq;
    }

    void release(FrameSlot slot) {
        slot.refs.decrementAndGet();
    }
}
