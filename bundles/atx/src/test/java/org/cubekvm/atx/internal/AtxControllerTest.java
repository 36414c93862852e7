package org.cubekvm.atx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cubekvm.api.atx.AtxButton;
import org.cubekvm.testsupport.Await;
import org.junit.jupiter.api.Test;

class AtxControllerTest {
    private final RecordingTarget target = new RecordingTarget();
    private final GatedSleeper sleeper = new GatedSleeper();
    private final AtxController controller = new AtxController(target, sleeper, AtxTiming.DEFAULT);

    @Test
    void aPressHoldsTheButtonForItsDurationThenReleasesIt() throws Exception {
        assertTrue(controller.start(new AtxAction(AtxButton.POWER, AtxAction.Kind.PRESS, 200, "alice")));
        assertTrue(sleeper.sleeping.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("press power"), target.calls);
        sleeper.letOneThrough();
        awaitIdle();
        assertEquals(List.of("press power", "release power"), target.calls);
        assertEquals(List.of(200L), sleeper.sleeps);
        controller.deactivate();
    }

    @Test
    void oneActionAtATimeAcrossBothButtons() throws Exception {
        assertTrue(controller.start(new AtxAction(AtxButton.POWER, AtxAction.Kind.HOLD, 5000, "alice")));
        assertTrue(sleeper.sleeping.await(10, TimeUnit.SECONDS));
        assertFalse(controller.start(new AtxAction(AtxButton.RESET, AtxAction.Kind.PRESS, 200, "bob")));
        assertFalse(controller.start(new AtxAction(AtxButton.POWER, AtxAction.Kind.PRESS, 200, "bob")));
        assertEquals("alice", controller.running().user());
        sleeper.letOneThrough();
        awaitIdle();
        assertEquals(List.of("press power", "release power"), target.calls, "bob's actions never touched a line");
        assertTrue(controller.start(new AtxAction(AtxButton.RESET, AtxAction.Kind.PRESS, 200, "bob")));
        sleeper.letOneThrough();
        awaitIdle();
        assertEquals(List.of("press power", "release power", "press reset", "release reset"), target.calls);
        controller.deactivate();
    }

    @Test
    void stoppingMidPressReleasesTheButton() throws Exception {
        assertTrue(controller.start(new AtxAction(AtxButton.POWER, AtxAction.Kind.HOLD, 5000, "alice")));
        assertTrue(sleeper.sleeping.await(10, TimeUnit.SECONDS));
        controller.deactivate();
        assertEquals("press power", target.calls.get(0));
        assertEquals("release power", target.calls.get(1), "the interrupted action released its button");
        assertTrue(target.calls.subList(2, target.calls.size()).containsAll(List.of("release power", "release reset")),
                "deactivation releases both buttons once more");
        assertFalse(controller.start(new AtxAction(AtxButton.RESET, AtxAction.Kind.PRESS, 200, "bob")),
                "a stopped controller starts nothing");
    }

    private void awaitIdle() {
        Await.until("the action to end", () -> controller.running() == null);
    }
}
