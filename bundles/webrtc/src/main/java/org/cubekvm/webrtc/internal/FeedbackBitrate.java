package org.cubekvm.webrtc.internal;

/**
 * Congestion control of one WebRTC viewer from its RTCP feedback, handed to the same place as
 * H.264-WS's policy ({@code VideoStream.limitBitrate}: the shared encoder runs at the lowest limit
 * of its watching viewers, so one lossy peer lowers the picture's bit rate for all, as one slow
 * WebSocket viewer does). The loss-based rule of GCC (draft-ietf-rmcat-gcc §6), once per receiver
 * report: loss above 10 % → the rate times (1 − loss/2); loss under 2 % → 8 % more; in between it
 * holds. The browser's REMB is not used as a cap: for an application-limited stream (a still
 * desktop sends ~50 kbit/s) Chromium's estimate stays near what arrives (36 kbit/s measured), and
 * without probing a cap would hold the encoder down when the picture starts to move. Within
 * {@value #FLOOR_KBPS} kbit/s and {@value #LIFT_KBPS} kbit/s (at or above it the limit is lifted,
 * 0). Receive thread only; nothing allocated.
 */
final class FeedbackBitrate {
    static final int FLOOR_KBPS = 250;
    static final int LIFT_KBPS = 8000;
    static final double LOSS_HIGH = 0.10;
    static final double LOSS_LOW = 0.02;

    /** The limit handed out; 0: none. */
    private int limitKbps;

    int limitKbps() {
        return limitKbps;
    }

    /**
     * @param fractionLost the report's loss fraction (0..1)
     * @param sentKbps     what this session sent over the last second (the base of the first cut)
     * @return the new limit (kbit/s, 0: none) when it changed, -1 when it did not
     */
    int receiverReport(double fractionLost, long sentKbps) {
        long next;
        if (fractionLost > LOSS_HIGH) {
            long base = limitKbps > 0 ? limitKbps : Math.max(sentKbps, FLOOR_KBPS);
            next = (long) (base * (1 - 0.5 * fractionLost));
        } else if (fractionLost < LOSS_LOW && limitKbps > 0) {
            next = (long) (limitKbps * 1.08) + 1;
        } else {
            next = limitKbps;
        }
        if (next != 0) {
            next = Math.max(FLOOR_KBPS, next);
        }
        if (next >= LIFT_KBPS) {
            next = 0;
        }
        if (next == limitKbps) {
            return -1;
        }
        limitKbps = (int) next;
        return limitKbps;
    }
}
