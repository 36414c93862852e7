package org.cubekvm.webrtc.internal;

import java.util.Arrays;

/**
 * The last {@link #SLOTS} protected RTP packets of a session, by sequence number, for answering
 * generic NACKs (RFC 4585) with the very same packets (no RTX stream: the receiver has not seen
 * those indices, so SRTP's replay check accepts them). Preallocated when the session's keys
 * exist; written by the sender thread, read by the receive thread, under the ring's own lock.
 */
final class RetransmitRing {
    static final int SLOTS = 128;
    static final int SLOT_BYTES = DtlsChannel.MTU;
    private final byte[][] packets = new byte[SLOTS][SLOT_BYTES];
    private final int[] lengths = new int[SLOTS];
    private final int[] sequence = new int[SLOTS];

    RetransmitRing() {
        Arrays.fill(sequence, -1);
    }

    synchronized void store(int seq, byte[] packet, int length) {
        int slot = seq & (SLOTS - 1);
        if (length > SLOT_BYTES) {
            sequence[slot] = -1;
            return;
        }
        System.arraycopy(packet, 0, packets[slot], 0, length);
        lengths[slot] = length;
        sequence[slot] = seq;
    }

    /** Copies packet {@code seq} into {@code into}; @return its length, or 0 when it is no longer held */
    synchronized int copy(int seq, byte[] into) {
        int slot = seq & (SLOTS - 1);
        if (sequence[slot] != seq) {
            return 0;
        }
        System.arraycopy(packets[slot], 0, into, 0, lengths[slot]);
        return lengths[slot];
    }
}
