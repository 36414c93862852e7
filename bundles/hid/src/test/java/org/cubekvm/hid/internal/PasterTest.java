package org.cubekvm.hid.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cubekvm.api.hid.KeyboardLeds;
import org.cubekvm.testsupport.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PasterTest {
    private final RecordingSink sink = new RecordingSink();
    private final SinkWriter writer = new SinkWriter(sink, "test", new HidCounters());
    private final Paster paster = new Paster(() -> writer);

    PasterTest() {
        writer.start();
    }

    @AfterEach
    void stop() {
        paster.stop();
        writer.stop();
    }

    private static PasteJob.Progress await(PasteJob job) {
        Await.until("the paste job to finish", job::finished);
        return job.progress();
    }

    @Test
    void pressesAndReleasesEveryStroke() throws Exception {
        PasteJob job = paster.submit(PastePlan.of(new TinyLayout(), "aA@ê"), 0);
        PasteJob.Progress progress = await(job);
        assertEquals("done", progress.state());
        assertEquals(4, progress.typed());
        assertEquals(4, progress.total());
        String up = RecordingSink.keyboard();
        assertEquals(List.of(
                RecordingSink.keyboard(0, 0, 0x04), up,
                RecordingSink.keyboard(0x02, 0, 0x04), up,
                RecordingSink.keyboard(0x40, 0, 0x14), up,
                RecordingSink.keyboard(0, 0, 0x35), up,
                RecordingSink.keyboard(0, 0, 0x08), up), sink.settle(writer));
    }

    @Test
    void capsLockIsCompensatedOnLettersOnly() throws Exception {
        sink.leds = new KeyboardLeds(false, true, false);
        await(paster.submit(PastePlan.of(new TinyLayout(), "aA1"), 0));
        String up = RecordingSink.keyboard();
        assertEquals(List.of(
                RecordingSink.keyboard(0x02, 0, 0x04), up,
                RecordingSink.keyboard(0, 0, 0x04), up,
                RecordingSink.keyboard(0, 0, 0x1E), up), sink.settle(writer));
    }

    @Test
    void cancelStopsTypingAndLeavesNothingPressed() throws Exception {
        // 200 ms per stroke half: typing all 200 would take 80 s, so the cancel lands mid-way whatever the load.
        PasteJob job = paster.submit(PastePlan.of(new TinyLayout(), "a".repeat(200)), 200);
        sink.awaitCalls(1);
        job.cancel();
        // Cancel marks the job at once; the paste thread stops at its next step. Jobs run one after
        // another, so once a second job is done the first one has returned and released its key.
        PasteJob next = paster.submit(PastePlan.of(new TinyLayout(), "a"), 0);
        assertEquals("done", await(next).state());
        PasteJob.Progress progress = job.progress();
        assertEquals("cancelled", progress.state());
        assertTrue(progress.typed() < 200, "typed " + progress.typed());
        List<String> calls = sink.settle(writer);
        String up = RecordingSink.keyboard();
        assertEquals(List.of(RecordingSink.keyboard(0, 0, 0x04), up), calls.subList(calls.size() - 2, calls.size()),
                "the second job typed its stroke");
        assertEquals(up, calls.get(calls.size() - 3), "the cancelled job left nothing pressed");
        assertEquals(job, paster.job(job.id()));
    }
}
