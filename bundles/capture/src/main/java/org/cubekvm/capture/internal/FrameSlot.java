package org.cubekvm.capture.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One preallocated frame of the ring. {@code refs} counts the viewers holding it; the capture
 * thread marks it {@link #WRITING} while the encoder fills it. The metadata fields are written
 * by the capture thread before publication and read by viewers only while they hold the slot.
 */
final class FrameSlot {
    /** Large negative offset added while the capture thread writes the slot. */
    static final int WRITING = Integer.MIN_VALUE / 2;

    final int index;
    final ByteBuffer buffer;
    final AtomicInteger refs = new AtomicInteger();

    int size;
    long seq;
    long captureMicros;
    long encodeDoneMicros;
    boolean key;
    int width;
    int height;

    FrameSlot(int index, int capacity) {
        this.index = index;
        this.buffer = ByteBuffer.allocateDirect(capacity);
    }
}
