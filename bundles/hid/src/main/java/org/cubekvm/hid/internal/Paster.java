package org.cubekvm.hid.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.cubekvm.api.hid.Modifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Types paste jobs one after another on one named thread: each stroke is pressed and released
 * with {@code delayMs} after each (a dead key is its own stroke, followed by the base key).
 * Letters are typed right whatever the target's Caps Lock: with Caps Lock on, Shift is
 * inverted on the stroke that types a cased letter.
 */
final class Paster {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.hid");
    static final int KEPT_JOBS = 32;
    private static final long DRAIN_WAIT_MILLIS = 2000;

    private final Supplier<SinkWriter> writers;
    private final ExecutorService executor;
    private final Map<String, PasteJob> jobs = new LinkedHashMap<>();

    Paster(Supplier<SinkWriter> writers) {
        this.writers = writers;
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "cubekvm-hid-paste");
            thread.setDaemon(true);
            return thread;
        });
    }

    PasteJob submit(PastePlan plan, int delayMillis) {
        PasteJob job;
        synchronized (jobs) {
            String id;
            do {
                id = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
            } while (jobs.containsKey(id));
            job = new PasteJob(id, plan, delayMillis);
            forgetOldFinishedJobs();
            jobs.put(id, job);
        }
        try {
            executor.execute(() -> run(job));
        } catch (RejectedExecutionException e) {
            job.finish(PasteJob.State.failed, "the keyboard service is stopping");
        }
        LOG.info("paste {} queued: {} characters, layout {}, {} ms per stroke", job.id(), plan.characters(),
                plan.layout(), delayMillis);
        return job;
    }

    PasteJob job(String id) {
        synchronized (jobs) {
            return jobs.get(id);
        }
    }

    void stop() {
        synchronized (jobs) {
            jobs.values().forEach(PasteJob::cancel);
        }
        executor.shutdownNow();
    }

    private void forgetOldFinishedJobs() {
        Iterator<PasteJob> it = jobs.values().iterator();
        while (jobs.size() >= KEPT_JOBS && it.hasNext()) {
            if (it.next().finished()) {
                it.remove();
            }
        }
    }

    private void run(PasteJob job) {
        if (!job.start()) {
            return;
        }
        int[] strokes = job.plan().strokes();
        int[] ends = job.plan().ends();
        int delay = job.delayMillis();
        SinkWriter writer = null;
        boolean pressedSomething = false;
        try {
            int stroke = 0;
            for (int character = 0; character < ends.length; character++) {
                for (; stroke < ends[character]; stroke++) {
                    if (job.state() != PasteJob.State.running) {
                        return;
                    }
                    writer = writers.get();
                    if (writer == null) {
                        job.finish(PasteJob.State.failed, "no keyboard is connected (no HID sink)");
                        return;
                    }
                    int packed = strokes[stroke];
                    int modifiers = PastePlan.modifiers(packed);
                    if ((packed & PastePlan.CASED_LETTER) != 0 && writer.sink().leds().capsLock()) {
                        modifiers = (modifiers & Modifiers.ANY_SHIFT) != 0 ? modifiers & ~Modifiers.ANY_SHIFT
                                : modifiers | Modifiers.LEFT_SHIFT;
                    }
                    byte[] press = new byte[HidMessages.KEYBOARD_REPORT_LENGTH];
                    press[0] = (byte) modifiers;
                    press[2] = (byte) PastePlan.usage(packed);
                    pressedSomething = true;
                    if (!writer.offerKeyboard(press) || !pause(delay)
                            || !writer.offerKeyboard(new byte[HidMessages.KEYBOARD_REPORT_LENGTH])) {
                        job.finish(PasteJob.State.failed, "the keyboard stopped accepting key strokes");
                        return;
                    }
                    pressedSomething = false;
                    if (!pause(delay)) {
                        return;
                    }
                }
                job.typed(character + 1);
            }
            waitForDrain(writer);
            job.finish(PasteJob.State.done, null);
            LOG.info("paste {} done ({} characters)", job.id(), ends.length);
        } catch (InterruptedException e) {
            job.finish(PasteJob.State.cancelled, null);
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            job.finish(PasteJob.State.failed, "typing failed; the log has the details");
            LOG.error("paste {} failed", job.id(), e);
        } finally {
            if (pressedSomething && writer != null) {
                writer.releaseKeyboard();
            }
            if (job.state() == PasteJob.State.cancelled) {
                LOG.info("paste {} cancelled", job.id());
            }
        }
    }

    private static boolean pause(int millis) throws InterruptedException {
        if (millis > 0) {
            Thread.sleep(millis);
        }
        return true;
    }

    /** "done" means the sink has every stroke, not that they are still queued. */
    private static void waitForDrain(SinkWriter writer) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_WAIT_MILLIS * 1_000_000L;
        while (writer != null && writer.queuedKeyboard() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }
}
