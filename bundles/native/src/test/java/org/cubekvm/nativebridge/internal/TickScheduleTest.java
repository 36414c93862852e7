package org.cubekvm.nativebridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TickScheduleTest {
    private static final long MS = 1_000_000L;

    @Test
    void ticksKeepTheirCadenceDespiteLateWakeUps() {
        TickSchedule schedule = new TickSchedule(10);
        assertEquals(1000 * MS, schedule.next(1000 * MS), "the first frame is due at once");
        schedule.advance(1003 * MS);
        assertEquals(1100 * MS, schedule.next(1003 * MS), "3 ms late does not shift the cadence");
        schedule.advance(1101 * MS);
        assertEquals(1200 * MS, schedule.next(1101 * MS));
    }

    @Test
    void aStalledConsumerGetsOneFrameThenTheCadenceNotABurst() {
        TickSchedule schedule = new TickSchedule(10);
        schedule.next(0);
        schedule.advance(0);
        assertEquals(100 * MS, schedule.next(450 * MS), "overdue: due at once");
        schedule.advance(450 * MS);
        assertEquals(550 * MS, schedule.next(450 * MS), "then one period later, not the missed 200, 300, 400");
    }

    @Test
    void fpsChangesApplyToTheNextPeriod() {
        TickSchedule schedule = new TickSchedule(10);
        schedule.next(0);
        schedule.setFps(50);
        schedule.advance(0);
        assertEquals(20 * MS, schedule.next(0));
        assertThrows(IllegalArgumentException.class, () -> schedule.setFps(0));
    }
}
