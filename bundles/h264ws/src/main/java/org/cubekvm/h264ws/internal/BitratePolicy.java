package org.cubekvm.h264ws.internal;

/**
 * How much one viewer's link can take, from what its socket shows: write completion (how long a
 * frame took to leave, so how busy the link was and at what rate bytes went out), frames the
 * viewer skipped because its socket was still busy, and, from clients that acknowledge, how far
 * the acknowledged frames fell behind live beyond the best this viewer ever had (queueing delay,
 * not the link's fixed delay). Evaluated once per window, allocation-free:
 * <ul>
 *   <li>congested (busy at least {@value #BUSY_CONGESTED_PERCENT}% of the window, a skipped
 *       frame, the worst ack queueing above {@value #QUEUEING_LIMIT_MICROS} µs or the mean above
 *       {@value #MEAN_QUEUEING_LIMIT_MICROS} µs): the limit drops to 80% of the lower of the current
 *       limit and the rate the link delivered while busy, and that lower rate is remembered as the
 *       link's capacity;</li>
 *   <li>calm for {@value #CALM_WINDOWS_BEFORE_RISE} windows in a row and busy under
 *       {@value #BUSY_CALM_PERCENT}%: it rises by a quarter, but not past 90% of the remembered
 *       capacity in one step, and from there by {@value #PROBE_PERCENT}% per window (so the link is
 *       probed gently where it congested last); once the limit is 10% above the remembered
 *       capacity without congestion, the link got faster and the memory is dropped;</li>
 *   <li>otherwise it holds;</li>
 * </ul>
 * always within the floor and the ceiling of {@link BitrateLimits}; adaptation off lifts it.
 * The viewer hands the result to {@code VideoStream.limitBitrate}; the shared encoder runs at the
 * lowest limit of its viewers (docs/video.md "Slow links"). Not thread-safe: the socket synchronises.
 */
final class BitratePolicy {
    static final long WINDOW_NANOS = 500_000_000L;
    static final int BUSY_CONGESTED_PERCENT = 90;
    static final int BUSY_CALM_PERCENT = 60;
    static final long QUEUEING_LIMIT_MICROS = 150_000L;
    static final long MEAN_QUEUEING_LIMIT_MICROS = 60_000L;
    static final int CALM_WINDOWS_BEFORE_RISE = 2;
    static final int PROBE_PERCENT = 8;

    /** The limit handed out; 0 while none applies (adaptation off). */
    private int limitKbps;
    private long windowStartNanos;
    private long sendStartedNanos;
    private long busyNanos;
    private long bytes;
    private long skippedAtWindowStart = -1;
    private long baseAckLagMicros = Long.MAX_VALUE;
    private long worstAckLagMicros;
    private long ackLagSumMicros;
    private int acks;
    private int calmWindows;
    /** The rate at which the link congested last (kbit/s), 0: none known. */
    private int capacityKbps;
    // The last window, for the log line of a change.
    private long lastBusyPercent;
    private long lastSentKbps;
    private long lastMeanQueueingMicros;
    private long lastWorstQueueingMicros;
    private boolean lastSkipped;

    int limitKbps() {
        return limitKbps;
    }

    void sendStarted(long nowNanos) {
        sendStartedNanos = nowNanos;
    }

    void sendCompleted(long nowNanos, int frameBytes) {
        if (sendStartedNanos != 0) {
            busyNanos += nowNanos - Math.max(sendStartedNanos, windowStartNanos);
            sendStartedNanos = 0;
        }
        bytes += frameBytes;
    }

    void acked(long lagMicros) {
        if (lagMicros < 0) {
            return; // clocks apart: ignore
        }
        if (lagMicros < baseAckLagMicros) {
            baseAckLagMicros = lagMicros;
        }
        if (lagMicros > worstAckLagMicros) {
            worstAckLagMicros = lagMicros;
        }
        ackLagSumMicros += lagMicros;
        acks++;
    }

    /** What the last window showed, for a log line (allocates: call only when logging). */
    String lastWindow() {
        return "busy " + lastBusyPercent + "%, sent " + lastSentKbps + " kbit/s, ack queueing mean "
                + lastMeanQueueingMicros / 1000 + " / worst " + lastWorstQueueingMicros / 1000 + " ms"
                + (lastSkipped ? ", fell behind" : "") + (capacityKbps > 0 ? ", capacity " + capacityKbps + " kbit/s" : "");
    }

    /**
     * @param skippedTotal the viewer's skipped frames so far, with the sends after which it was behind
     * @return the limit to apply (kbit/s, 0: none) when it changed, -1 when it did not
     */
    int evaluate(long nowNanos, long skippedTotal, BitrateLimits limits) {
        if (!limits.adaptive()) {
            windowStartNanos = 0;
            return change(0);
        }
        if (windowStartNanos == 0 || skippedAtWindowStart < 0) {
            startWindow(nowNanos, skippedTotal);
            return change(limitKbps == 0 ? limits.ceilingKbps() : clamp(limitKbps, limits));
        }
        long elapsed = nowNanos - windowStartNanos;
        if (elapsed < WINDOW_NANOS) {
            return -1;
        }
        long busy = busyNanos;
        if (sendStartedNanos != 0) {
            busy += nowNanos - Math.max(sendStartedNanos, windowStartNanos); // a send still in flight
        }
        boolean skipped = skippedTotal > skippedAtWindowStart;
        boolean acked = acks > 0 && baseAckLagMicros != Long.MAX_VALUE;
        long worstQueueing = acked ? worstAckLagMicros - baseAckLagMicros : 0;
        long meanQueueing = acked ? ackLagSumMicros / acks - baseAckLagMicros : 0;
        boolean queueing = worstQueueing > QUEUEING_LIMIT_MICROS || meanQueueing > MEAN_QUEUEING_LIMIT_MICROS;
        long busyPercent = busy * 100 / elapsed;
        lastBusyPercent = busyPercent;
        lastSentKbps = bytes * 8_000_000L / elapsed;
        lastMeanQueueingMicros = meanQueueing;
        lastWorstQueueingMicros = worstQueueing;
        lastSkipped = skipped;
        int current = limitKbps == 0 ? limits.ceilingKbps() : limitKbps;
        int next = current;
        if (busyPercent >= BUSY_CONGESTED_PERCENT || skipped || queueing) {
            calmWindows = 0;
            long deliveredKbps = busy > 1_000_000L ? bytes * 8_000_000L / busy : Long.MAX_VALUE;
            int congestedAt = (int) Math.min(current, deliveredKbps);
            capacityKbps = congestedAt;
            next = congestedAt * 4 / 5;
        } else if (busyPercent < BUSY_CALM_PERCENT) {
            calmWindows++;
            if (calmWindows >= CALM_WINDOWS_BEFORE_RISE) {
                next = rise(current);
            }
        } else {
            calmWindows = 0;
        }
        startWindow(nowNanos, skippedTotal);
        return change(clamp(next, limits));
    }

    /** One calm step up: fast far below the remembered capacity, gently near it, fast again past it. */
    private int rise(int current) {
        if (capacityKbps > 0 && current > capacityKbps + capacityKbps / 10) {
            capacityKbps = 0; // 10% above where it congested, without congestion: the link got faster
        }
        int fast = current + current / 4;
        if (capacityKbps == 0) {
            return fast;
        }
        int gentle = current + Math.max(1, current * PROBE_PERCENT / 100);
        int nearCapacity = capacityKbps * 9 / 10;
        if (current < nearCapacity) {
            return Math.max(gentle, Math.min(fast, nearCapacity));
        }
        return gentle;
    }

    private void startWindow(long nowNanos, long skippedTotal) {
        windowStartNanos = nowNanos;
        skippedAtWindowStart = skippedTotal;
        busyNanos = 0;
        bytes = 0;
        worstAckLagMicros = 0;
        ackLagSumMicros = 0;
        acks = 0;
        if (sendStartedNanos != 0) {
            sendStartedNanos = nowNanos;
        }
    }

    private static int clamp(int kbps, BitrateLimits limits) {
        return Math.max(limits.floorKbps(), Math.min(limits.ceilingKbps(), kbps));
    }

    private int change(int next) {
        if (next == limitKbps) {
            return -1;
        }
        limitKbps = next;
        return next;
    }
}
