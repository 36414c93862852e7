package org.cubekvm.h264ws.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AckWindowTest {
    private static final long SECOND = 1_000_000L;

    @Test
    void aClientThatNeverAcksIsNeverHeldBack() {
        AckWindow window = new AckWindow(SECOND);
        for (long t = 0; t < 60 * SECOND; t += SECOND / 30) {
            window.sent(t);
            assertTrue(window.open());
        }
    }

    @Test
    void anAckingClientThatFallsMoreThanTheWindowBehindGetsNothingUntilItCatchesUp() {
        AckWindow window = new AckWindow(SECOND);
        window.sent(0);
        window.acked(0);
        window.sent(SECOND / 2);
        assertTrue(window.open(), "half a second unacknowledged is within the window");
        window.sent(SECOND + SECOND / 2);
        assertFalse(window.open(), "1.5 s of video sent but not acknowledged");
        assertTrue(window.acked(SECOND), "this ack brings the span back to 0.5 s and reopens the window");
        assertTrue(window.open());
    }

    @Test
    void anOlderAckDoesNotMoveTheWindowBack() {
        AckWindow window = new AckWindow(SECOND);
        window.sent(10 * SECOND);
        window.acked(10 * SECOND);
        window.acked(2 * SECOND);
        window.sent(10 * SECOND + SECOND / 2);
        assertTrue(window.open());
    }
}
