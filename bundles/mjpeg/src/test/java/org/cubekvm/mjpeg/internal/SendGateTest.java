package org.cubekvm.mjpeg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The wait policy of a viewer on a slow link, with a send queue the test sets. */
class SendGateTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicInteger queued = new AtomicInteger();
    private final SendGate gate = new SendGate(queued::get, 16 * 1024, SECOND);

    @Test
    void opensOnlyOnceTheSocketHoldsAtMostTheThreshold() {
        long written = 5 * SECOND;
        queued.set(60_000);
        assertFalse(gate.open(written, written + 1_000_000), "most of a frame is still queued");
        queued.set(16 * 1024 + 1);
        assertFalse(gate.open(written, written + 50_000_000));
        queued.set(16 * 1024);
        assertTrue(gate.open(written, written + 50_000_000));
        queued.set(0);
        assertTrue(gate.open(written, written + 1));
    }

    @Test
    void opensAtTheDeadlineEvenIfTheQueueNeverDrains() {
        long written = 5 * SECOND;
        queued.set(1_000_000);
        assertFalse(gate.open(written, written + SECOND - 1));
        assertTrue(gate.open(written, written + SECOND), "a stalled link must not stop the viewer for longer");
    }

    @Test
    void anUnknownQueueOpensAsWithoutAGate() {
        queued.set(-1);
        assertTrue(gate.open(5 * SECOND, 5 * SECOND));
    }

    @Test
    void theConfiguredThresholdAndWaitAreValidatedWithTheValueInTheMessage() {
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> MjpegStreamServlet.validSendQueue(TestConfigs.mjpeg(16384, 100, 1000)));
        assertTrue(small.getMessage().contains("sendQueueBytes must be 0 or 1024..1048576, was 100"), small.getMessage());
        assertEquals(0, MjpegStreamServlet.validSendQueue(TestConfigs.mjpeg(16384, 0, 1000)));
        assertEquals(16384, MjpegStreamServlet.validSendQueue(TestConfigs.mjpeg(16384, 16384, 1000)));
        IllegalArgumentException wait = assertThrows(IllegalArgumentException.class,
                () -> MjpegStreamServlet.validMaxWait(TestConfigs.mjpeg(16384, 16384, 5)));
        assertTrue(wait.getMessage().contains("sendQueueMaxWaitMillis must be 10..10000, was 5"), wait.getMessage());
        assertEquals(1_000_000_000L, MjpegStreamServlet.validMaxWait(TestConfigs.mjpeg(16384, 16384, 1000)));
    }
}
