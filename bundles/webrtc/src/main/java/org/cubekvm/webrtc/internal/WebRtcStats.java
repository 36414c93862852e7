package org.cubekvm.webrtc.internal;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of the WebRTC transport, for {@code GET /api/webrtc/stats}. */
final class WebRtcStats {
    final AtomicLong framesSent = new AtomicLong();
    final AtomicLong keyFramesSent = new AtomicLong();
    final AtomicLong packetsSent = new AtomicLong();
    final AtomicLong packetsDropped = new AtomicLong();
    final AtomicLong keyFrameRequests = new AtomicLong();
    final AtomicLong nacksReceived = new AtomicLong();
    final AtomicLong packetsRetransmitted = new AtomicLong();
    final AtomicLong nacksUnanswered = new AtomicLong();
    final AtomicLong senderReports = new AtomicLong();
    final AtomicLong receiverReports = new AtomicLong();
    final AtomicLong malformedPackets = new AtomicLong();
    final AtomicLong handshakeFailures = new AtomicLong();
    final AtomicLong consentExpired = new AtomicLong();
    final Samples handshakeMicros = new Samples();

    /** The last handshake durations (a small ring), for a median. */
    static final class Samples {
        private final long[] ring = new long[32];
        private int count;

        synchronized void record(long micros) {
            ring[count % ring.length] = micros;
            count++;
        }

        synchronized long median() {
            int n = Math.min(count, ring.length);
            if (n == 0) {
                return 0;
            }
            long[] copy = java.util.Arrays.copyOf(ring, n);
            java.util.Arrays.sort(copy);
            return copy[n / 2];
        }
    }
}
