package org.cubekvm.webrtc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FeedbackBitrateTest {
    @Test
    void heavyLossCutsFromWhatWasSentThenCleanReportsRecoverUntilTheLimitIsLifted() {
        FeedbackBitrate policy = new FeedbackBitrate();
        assertEquals(-1, policy.receiverReport(0, 2000), "no loss and no limit: nothing to do");
        assertEquals(-1, policy.receiverReport(0.05, 2000), "moderate loss holds");
        assertEquals(1500, policy.receiverReport(0.5, 2000), "50 % lost: 2000 × (1 − 0.25)");
        assertEquals(1125, policy.receiverReport(0.5, 1500), "again from the limit");
        assertEquals(-1, policy.receiverReport(0.05, 1100), "between 2 and 10 %: holds");
        assertEquals(1216, policy.receiverReport(0, 1100), "clean: 8 % more");
        int limit = 1216;
        int reports = 0;
        while (limit != 0) {
            int changed = policy.receiverReport(0, limit);
            limit = changed < 0 ? limit : changed;
            reports++;
        }
        assertEquals(0, policy.limitKbps(), "lifted once it reaches " + FeedbackBitrate.LIFT_KBPS);
        assertEquals(25, reports);
    }

    @Test
    void theFloorHolds() {
        FeedbackBitrate policy = new FeedbackBitrate();
        assertEquals(-1, policy.receiverReport(0.05, 900), "moderate loss without a limit: none");
        assertEquals(918, policy.receiverReport(0.25, 1050), "25 % lost: 1050 × 0.875");
        policy = new FeedbackBitrate();
        assertEquals(495, policy.receiverReport(0.9, 900), "90 % lost: 900 × 0.55");
        assertEquals(FeedbackBitrate.FLOOR_KBPS, policy.receiverReport(1.0, 300), "never under the floor");
        assertEquals(-1, policy.receiverReport(1.0, 300));
    }
}
