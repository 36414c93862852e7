package org.cubekvm.virtual.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.TimeZone;
import org.cubekvm.api.video.RawFrame;
import org.cubekvm.testsupport.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VirtualScreenTest {
    private static TimeZone savedZone;

    @BeforeAll
    static void utc() {
        savedZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    }

    @AfterAll
    static void restoreZone() {
        TimeZone.setDefault(savedZone);
    }

    static int pixel(RawFrame frame, int x, int y) {
        return frame.pixels().getInt(y * frame.stride() + x * 4) & 0xFFFFFF;
    }

    static void assertWhole(RawFrame frame) {
        ByteBuffer pixels = frame.pixels();
        assertEquals((int) frame.seq(), VirtualScreen.stampAt(pixels, 0), "first pixels carry the frame's seq");
        assertEquals((int) frame.seq(), VirtualScreen.stampAt(pixels, VirtualScreen.lastStampOffset(frame)),
                "last pixels carry the frame's seq");
    }

    @Test
    void theFirstTickPublishesACompleteBgrxPicture() {
        Machine machine = new Machine("en-US");
        assertNull(machine.screen.acquireNewest(), "nothing rendered yet");
        machine.screen.renderTick();
        RawFrame frame = machine.screen.acquireNewest();
        assertNotNull(frame);
        assertEquals(1280, frame.width());
        assertEquals(720, frame.height());
        assertEquals(1280 * 4, frame.stride());
        assertTrue(frame.pixels().isDirect());
        assertEquals(1280 * 720 * 4, frame.pixels().capacity());
        assertEquals(1, frame.seq());
        assertEquals(Machine.NOON_MICROS, frame.captureMicros());
        assertWhole(frame);
        // The status bar is VGA blue, the shell background black.
        assertEquals(0x0000AA, pixel(frame, 2, 1));
        assertEquals(0x000000, pixel(frame, 1279, 700));
        machine.screen.release(frame);
    }

    @Test
    void theClockShowsHoursMinutesAndSecondsInTheCorner() {
        Machine machine = new Machine("en-US");
        machine.screen.renderTick();
        assertTrue(machine.content().rowText(0).endsWith("12:34:56"), machine.content().rowText(0));
        machine.micros.addAndGet(65_000_000L);
        machine.screen.renderTick();
        assertTrue(machine.content().rowText(0).endsWith("12:36:01"), machine.content().rowText(0));
    }

    @Test
    void withoutAnimationAStaticScreenProducesNoNewFrames() {
        Machine machine = new Machine("en-US", Resolution.HD, false);
        machine.screen.renderTick();
        RawFrame first = machine.screen.acquireNewest();
        long seq = first.seq();
        machine.screen.release(first);
        for (int i = 0; i < 100; i++) {
            machine.screen.renderTick();
        }
        RawFrame again = machine.screen.acquireNewest();
        assertEquals(seq, again.seq(), "unchanged frames produce no new seq");
        machine.screen.release(again);
        machine.type("x");
        machine.screen.renderTick();
        RawFrame typed = machine.screen.acquireNewest();
        assertEquals(seq + 1, typed.seq());
        assertWhole(typed);
        machine.screen.release(typed);
        machine.micros.addAndGet(1_000_000L);
        machine.screen.renderTick();
        RawFrame clock = machine.screen.acquireNewest();
        assertEquals(seq + 2, clock.seq(), "the clock moved");
        machine.screen.release(clock);
    }

    @Test
    void withAnimationEveryTickIsANewFrame() {
        Machine machine = new Machine("en-US", Resolution.HD, true);
        long last = 0;
        for (int i = 0; i < 10; i++) {
            machine.screen.renderTick();
            RawFrame frame = machine.screen.acquireNewest();
            assertEquals(last + 1, frame.seq());
            assertWhole(frame);
            last = frame.seq();
            machine.screen.release(frame);
        }
    }

    @Test
    void bothBuffersCatchUpOnEveryChange() {
        Machine machine = new Machine("en-US", Resolution.HD, false);
        machine.screen.renderTick();
        machine.type("a");
        machine.screen.renderTick();
        machine.type("b");
        machine.screen.renderTick();
        RawFrame frame = machine.screen.acquireNewest();
        ByteBuffer copy = ByteBuffer.allocate(frame.pixels().capacity()).order(ByteOrder.LITTLE_ENDIAN);
        copy.put(frame.pixels().duplicate().clear());
        machine.screen.release(frame);
        // Repaint everything into a fresh buffer: the incrementally painted one must be identical.
        ScreenFrame reference = new ScreenFrame(1280, 720);
        ScreenContent content = machine.content();
        synchronized (content) {
            content.resize(1280, 720);
        }
        content.paint(reference.pixels(), reference.stride(), 0);
        for (int offset = 16; offset < copy.capacity() - 16; offset += 4) {
            int expected = reference.pixels().getInt(offset) & 0xFFFFFF;
            int actual = copy.getInt(offset) & 0xFFFFFF;
            if (expected != actual) {
                throw new AssertionError("pixel " + (offset / 4 % 1280) + "," + (offset / 4 / 1280) + " differs");
            }
        }
    }

    @Test
    void theRendererNeverWritesTheHeldBuffer() {
        Machine machine = new Machine("en-US", Resolution.HD, true);
        machine.screen.renderTick();
        RawFrame held = machine.screen.acquireNewest();
        long seq = held.seq();
        for (int i = 0; i < 50; i++) {
            machine.screen.renderTick();
            machine.hid.mouseRelative(0, 3, 1, 0);
        }
        assertEquals(seq, held.seq());
        assertWhole(held);
        RawFrame newest = machine.screen.acquireNewest();
        assertNotEquals(held, newest, "the reader gets the other buffer with the newest picture");
        assertEquals(seq + 1, newest.seq(), "only one frame could be written while the other was held");
        machine.screen.release(newest);
        machine.screen.renderTick();
        RawFrame next = machine.screen.acquireNewest();
        assertTrue(next.seq() > seq + 1);
        assertWhole(next);
        machine.screen.release(next);
    }

    @Test
    void poweredOffThereIsNoSignal() {
        Machine machine = new Machine("en-US", Resolution.HD, true);
        machine.screen.renderTick();
        machine.power.pressPower();
        machine.screen.renderTick();
        RawFrame noSignal = machine.screen.acquireNewest();
        assertNotNull(noSignal, "streams get the no-signal picture first");
        assertWhole(noSignal);
        machine.screen.release(noSignal);
        assertTrue(machine.content().rowText(720 / 16 / 2).contains("no signal"));
        machine.screen.goDark();
        machine.screen.renderTick();
        assertNull(machine.screen.acquireNewest(), "then the source is dark: capture sees no signal");
        machine.power.pressPower();
        machine.screen.renderTick();
        RawFrame frame = machine.screen.acquireNewest();
        assertNotNull(frame);
        assertWhole(frame);
        machine.screen.release(frame);
        assertTrue(machine.content().rowText(1).contains("CubeKVM virtual machine"), "booted again");
    }

    @Test
    void aResolutionChangeReallocatesOnceAndWaitsForTheReader() {
        Machine machine = new Machine("en-US", Resolution.HD, true);
        machine.screen.renderTick();
        RawFrame old = machine.screen.acquireNewest();
        machine.screen.apply(Resolution.FULL_HD, true);
        machine.screen.renderTick();
        assertNull(machine.screen.acquireNewest(), "no signal while the mode changes");
        // acquireNewest returned null, so the reader holds nothing: the swap can happen now.
        machine.screen.release(old);
        machine.screen.renderTick();
        RawFrame frame = machine.screen.acquireNewest();
        assertEquals(1920, frame.width());
        assertEquals(1080, frame.height());
        assertEquals(1920 * 4, frame.stride());
        assertEquals(1920 * 1080 * 4, frame.pixels().capacity());
        assertWhole(frame);
        ByteBuffer first = frame.pixels();
        machine.screen.release(frame);
        machine.screen.renderTick();
        machine.screen.renderTick();
        RawFrame later = machine.screen.acquireNewest();
        assertSame(first, later.pixels(), "the same two buffers are reused");
        machine.screen.release(later);
        assertEquals(1920 / 8, machine.content().columns());
    }

    @Test
    void aConcurrentReaderNeverSeesATornPicture() throws Exception {
        Machine machine = new Machine("en-US", Resolution.HD, true);
        VirtualScreen screen = machine.screen;
        screen.renderTick();
        // Runs until the reader has seen enough different pictures (the deadline only bounds a broken run).
        long deadline = System.nanoTime() + 60_000_000_000L;
        java.util.concurrent.atomic.AtomicBoolean enough = new java.util.concurrent.atomic.AtomicBoolean();
        Thread renderer = new Thread(() -> {
            int i = 0;
            while (!enough.get() && System.nanoTime() < deadline) {
                // As fast as possible rather than 60 Hz, with pointer moves so large areas change.
                screen.renderTick();
                machine.hid.mouseAbsolute(0, (i * 977) % 32768, (i * 331) % 32768, 0);
                i++;
            }
        }, "test-renderer");
        renderer.start();
        long frames = 0;
        long distinct = 0;
        long lastSeq = 0;
        long sink = 0;
        while (distinct <= 50 && System.nanoTime() < deadline) {
            RawFrame frame = screen.acquireNewest();
            assertNotNull(frame);
            long seq = frame.seq();
            assertTrue(seq >= lastSeq, "newest first: seq never goes back");
            assertWhole(frame);
            // Hold it a while, as an encoder would, then check nothing changed under us.
            for (int i = 0; i < 20_000; i++) {
                sink += frame.pixels().get((i * 4099) % frame.pixels().capacity());
            }
            assertEquals(seq, frame.seq());
            assertWhole(frame);
            screen.release(frame);
            if (seq != lastSeq) {
                distinct++;
            }
            lastSeq = seq;
            frames++;
        }
        enough.set(true);
        renderer.join();
        assertTrue(distinct > 50, "the reader got " + distinct + " different pictures in " + frames + " acquisitions (" + sink + ")");
    }

    @Test
    void theRealRendererTicksOnItsOwnNamedThread() throws Exception {
        VirtualPower power = new VirtualPower();
        VirtualScreen screen = new VirtualScreen(Resolution.HD, true, power, VirtualScreen.systemEpochMicros());
        long before = System.currentTimeMillis() * 1000;
        screen.start();
        try {
            // The renderer thread makes ten frames by itself. Its 60 Hz is the schedule's period
            // (TICK_NANOS), not measured here: a shared build machine makes any measured rate meaningless.
            RawFrame frame = Await.value("ten frames from the renderer thread", () -> {
                RawFrame newest = screen.acquireNewest();
                if (newest != null && newest.seq() >= 10) {
                    return newest;
                }
                screen.release(newest);
                return null;
            });
            long micros = frame.captureMicros();
            screen.release(frame);
            long after = System.currentTimeMillis() * 1000;
            boolean named = Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().equals(VirtualScreen.THREAD_NAME));
            assertTrue(named, "the renderer thread is named " + VirtualScreen.THREAD_NAME);
            // Ordered by events, not by a window: rendered after start, acquired before "after".
            assertTrue(micros >= before - 1000 && micros <= after + 1000,
                    "capture time is epoch microseconds: " + micros + " not in [" + before + ", " + after + "]");
        } finally {
            screen.stop();
        }
    }

    @Test
    void renderingAndHandOverAllocateNothingPerFrame() {
        Machine machine = new Machine("en-US", Resolution.HD, true);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        Runnable frames = () -> {
            for (int i = 0; i < 3000; i++) {
                machine.micros.addAndGet(16_667);
                machine.hid.mouseAbsolute(i & 1, (i * 977) % 32768, (i * 331) % 32768, 0);
                machine.screen.renderTick();
                RawFrame frame = machine.screen.acquireNewest();
                machine.screen.release(frame);
            }
        };
        frames.run(); // warm up: class loading, JIT
        long before = threads.getThreadAllocatedBytes(thread);
        frames.run();
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocated < 16 * 1024, "3000 frames allocated " + allocated + " bytes");
    }
}
