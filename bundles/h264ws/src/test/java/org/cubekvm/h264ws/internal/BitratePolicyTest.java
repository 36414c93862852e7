package org.cubekvm.h264ws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The bitrate policy of one viewer, driven with a synthetic clock: each window is described by
 * how busy the socket was, how many bytes left, whether a frame was skipped and the ack lags.
 */
class BitratePolicyTest {
    private static final BitrateLimits ON = new BitrateLimits(true, 500, 4000);
    private static final BitrateLimits OFF = new BitrateLimits(false, 500, 4000);
    private static final long W = BitratePolicy.WINDOW_NANOS;

    private final BitratePolicy policy = new BitratePolicy();
    private long now = 1_000_000_000L;
    private long skipped;

    /** One window: the socket sends for busyPercent of it, bytes in all; then the policy evaluates. */
    private int window(int busyPercent, long bytes, boolean skip, BitrateLimits limits, long... ackLagsMicros) {
        long start = now;
        if (busyPercent > 0) {
            policy.sendStarted(start + 1);
            policy.sendCompleted(start + 1 + W * busyPercent / 100, (int) bytes);
        }
        for (long lag : ackLagsMicros) {
            policy.acked(lag);
        }
        if (skip) {
            skipped++;
        }
        now = start + W + 2;
        return policy.evaluate(now, skipped, limits);
    }

    private void start(BitrateLimits limits) {
        assertEquals(limits.adaptive() ? limits.ceilingKbps() : -1, policy.evaluate(now, skipped, limits),
                "the first evaluation starts at the ceiling");
    }

    /** bytes a link of kbps moves in busyPercent of a window */
    private static long bytes(int kbps, int busyPercent) {
        return kbps * 1000L / 8 * W / 1_000_000_000L * busyPercent / 100;
    }

    static Stream<Arguments> oneWindow() {
        return Stream.of(
                // busy%, bytes, skipped, ack lags, expected limit (-1: unchanged), why
                Arguments.of(100, bytes(2000, 100), false, new long[0], 1600, "a saturated 2 Mbit/s link: 80% of what it delivered"),
                Arguments.of(95, bytes(3000, 95), false, new long[0], 2400, "nearly saturated at 3 Mbit/s"),
                Arguments.of(30, bytes(8000, 30), true, new long[0], 3200, "a skipped frame: 80% of the current limit when the link delivered more"),
                Arguments.of(100, bytes(200, 100), false, new long[0], 500, "a link slower than the floor: the floor"),
                Arguments.of(20, bytes(4000, 20), false, new long[] {20_000, 450_000}, 3200, "acks 430 ms behind the best: queueing"),
                Arguments.of(20, bytes(4000, 20), false, new long[] {300_000, 350_000}, -1, "acks a steady 300 ms behind (a long link) are no queueing"),
                Arguments.of(20, bytes(4000, 20), false, new long[] {20_000, 100_000, 110_000, 120_000}, 3200,
                        "acks 67 ms behind the best on average, none 150 ms: a standing queue"),
                Arguments.of(20, bytes(4000, 20), false, new long[] {20_000, 30_000, 40_000, 180_000}, 3200,
                        "one ack 160 ms behind the best: the worst above the limit"),
                Arguments.of(20, bytes(4000, 20), false, new long[] {20_000, 30_000, 40_000, 160_000}, -1,
                        "a single late ack within the limits holds"),
                Arguments.of(75, bytes(4000, 75), false, new long[0], -1, "busy but keeping up: holds"),
                Arguments.of(10, bytes(4000, 10), false, new long[0], -1, "calm at the ceiling: stays"));
    }

    @ParameterizedTest(name = "{5}")
    @MethodSource("oneWindow")
    void oneWindowFromTheCeiling(int busyPercent, long bytes, boolean skip, long[] acks, int expected, String why) {
        start(ON);
        assertEquals(expected, window(busyPercent, bytes, skip, ON, acks), why);
    }

    @Test
    void slowAcksAndABusyLinkLowerTheLimitWithinBoundsAndRecoveryRaisesItBackToTheCeiling() {
        start(ON);
        assertEquals(1600, window(100, bytes(2000, 100), false, ON));
        assertEquals(1280, window(100, bytes(1600, 100), true, ON), "still skipping at 1.6 Mbit/s");
        assertEquals(-1, window(80, bytes(1600, 80), false, ON), "keeping up on the 2 Mbit/s link: holds");
        // The link recovers: the socket idles most of each window.
        assertEquals(-1, window(20, bytes(6000, 20), false, ON), "one calm window is not enough");
        // It last congested at 1.6 Mbit/s: straight to 90% of that, then by 8% per window, and once
        // 10% past it without congestion the link counts as faster: by a quarter per window.
        int[] expected = {1440, 1555, 1679, 1813, 2266, 2832, 3540, 4000};
        for (int step : expected) {
            assertEquals(step, window(20, bytes(6000, 20), false, ON), "the rise after congesting at 1600");
        }
        assertEquals(-1, window(20, bytes(6000, 20), false, ON), "stays at the ceiling");
        assertEquals(3200, window(100, bytes(5000, 100), false, ON), "a saturated link again lowers it");
    }

    @Test
    void congestingAgainNearTheRememberedCapacityLowersItAndProbesFromTheNewOne() {
        start(ON);
        assertEquals(1600, window(100, bytes(2000, 100), false, ON), "a 2 Mbit/s link");
        assertEquals(-1, window(20, bytes(2000, 20), false, ON));
        assertEquals(1800, window(20, bytes(2000, 20), false, ON), "90% of where it congested");
        assertEquals(1944, window(20, bytes(2000, 20), false, ON), "then gently");
        assertEquals(1555, window(100, bytes(1950, 100), false, ON), "the link is still 2 Mbit/s: 80% of what it delivered");
        assertEquals(-1, window(20, bytes(2000, 20), false, ON));
        assertEquals(1749, window(20, bytes(2000, 20), false, ON), "90% of where it congested now, 1944");
    }

    @Test
    void adaptationOffLiftsTheLimitAndLeavesItLifted() {
        start(ON);
        assertEquals(1600, window(100, bytes(2000, 100), false, ON));
        assertEquals(0, window(100, bytes(2000, 100), true, OFF), "off: the limit is lifted (the video setting applies)");
        assertEquals(-1, window(100, bytes(200, 100), true, OFF), "off: nothing it sees changes it");
        assertEquals(-1, window(100, bytes(200, 100), true, OFF));
        assertEquals(4000, window(10, bytes(200, 10), false, ON), "on again: starts from the ceiling");
    }

    @Test
    void aWindowThatHasNotEndedDecidesNothing() {
        start(ON);
        policy.sendStarted(now + 1);
        policy.sendCompleted(now + W / 2, (int) bytes(1000, 50));
        assertEquals(-1, policy.evaluate(now + W - 1, skipped, ON));
    }

    @Test
    void limitsAreValidatedWithTheBadValueInTheMessage() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BitrateLimits(true, 50, 4000))
                .getMessage().contains("minBitrateKbps must be 100..20000, was 50"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BitrateLimits(true, 500, 30000))
                .getMessage().contains("maxBitrateKbps must be 100..20000, was 30000"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BitrateLimits(true, 5000, 4000))
                .getMessage().contains("minBitrateKbps (5000) must not exceed maxBitrateKbps (4000)"));
    }
}
