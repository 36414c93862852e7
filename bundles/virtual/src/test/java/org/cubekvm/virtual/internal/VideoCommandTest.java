package org.cubekvm.virtual.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.cubekvm.api.video.RawFrame;
import org.junit.jupiter.api.Test;

/** The console's {@code video} command: a moving picture below the status line until a key is pressed. */
class VideoCommandTest {
    private static final int SHELL_TOP_PIXELS = 16;

    private static ByteBuffer copyOf(RawFrame frame) {
        ByteBuffer copy = ByteBuffer.allocate(frame.pixels().capacity()).order(ByteOrder.LITTLE_ENDIAN);
        copy.put(frame.pixels().duplicate().clear());
        return copy.clear();
    }

    /** Renders one tick and returns a copy of the newest picture with its seq. */
    private static ByteBuffer render(Machine machine, long[] seq) {
        machine.screen.renderTick();
        RawFrame frame = machine.screen.acquireNewest();
        try {
            VirtualScreenTest.assertWhole(frame);
            seq[0] = frame.seq();
            return copyOf(frame);
        } finally {
            machine.screen.release(frame);
        }
    }

    private static int changedPixels(ByteBuffer a, ByteBuffer b, int fromRow, int toRow, int stride) {
        int changed = 0;
        for (int offset = fromRow * stride + 16; offset < toRow * stride && offset < a.capacity() - 16; offset += 4) {
            if ((a.getInt(offset) & 0xFFFFFF) != (b.getInt(offset) & 0xFFFFFF)) {
                changed++;
            }
        }
        return changed;
    }

    @Test
    void videoPlaysBelowTheStatusLineAtThirtyFramesPerSecondUntilAKeyStopsIt() {
        Machine machine = new Machine("en-US");
        int stride = 1280 * 4;
        long[] seq = new long[1];
        ByteBuffer console = render(machine, seq);

        machine.type("video\n");
        assertTrue(machine.content().videoPlaying());
        ByteBuffer previous = render(machine, seq);
        assertTrue(changedPixels(console, previous, SHELL_TOP_PIXELS, 720, stride) > 1280 * 700 * 3 / 4,
                "the video covers the console");
        assertEquals(0, changedPixels(console, previous, 0, SHELL_TOP_PIXELS, stride), "the status line stays");
        int newFrames = 0;
        for (int tick = 0; tick < 20; tick++) {
            long before = seq[0];
            ByteBuffer next = render(machine, seq);
            if (seq[0] != before) {
                newFrames++;
                assertTrue(changedPixels(previous, next, SHELL_TOP_PIXELS, 720, stride) > 1280 * 700 / 2,
                        "a new video frame changes most of the picture");
            }
            previous = next;
        }
        assertEquals(10, newFrames, "a new picture every other 60 Hz tick");

        machine.type("q");
        assertFalse(machine.content().videoPlaying(), "any key stops it");
        assertEquals("video\n", machine.typed(), "the key that stopped the video went to the player, not the shell");
        render(machine, seq);
        ByteBuffer after = render(machine, seq); // both buffers repainted
        assertEquals(0, changedPixels(repaint(machine), after, SHELL_TOP_PIXELS, 720, stride),
                "the console's text is back exactly as the grid holds it");
        machine.type("x");
        assertEquals("video\nx", machine.typed(), "keys reach the shell again");
    }

    /** The whole console as the grid says it should look, painted into a fresh buffer. */
    private static ByteBuffer repaint(Machine machine) {
        ScreenFrame reference = new ScreenFrame(1280, 720);
        ScreenContent content = machine.content();
        synchronized (content) {
            content.resize(1280, 720);
            content.paint(reference.pixels(), reference.stride(), 0);
        }
        return reference.pixels();
    }

    @Test
    void theHelpListsItAndPowerOffEndsIt() {
        Machine machine = new Machine("en-US");
        machine.type("help\n");
        boolean listed = false;
        for (int row = 1; row < machine.content().rows(); row++) {
            listed |= machine.content().rowText(row).contains("uname, video.");
        }
        assertTrue(listed, "help names the video command");
        machine.type("video\n");
        assertTrue(machine.content().videoPlaying());
        machine.power.pressPower();
        assertFalse(machine.content().videoPlaying(), "power-off stops the player");
        machine.power.pressPower();
        assertFalse(machine.content().videoPlaying(), "a boot starts at the console");
    }

    @Test
    void aPausedPictureWithoutChangesPublishesNothingNew() {
        Machine machine = new Machine("en-US");
        long[] seq = new long[1];
        machine.type("video\n");
        render(machine, seq);
        machine.type(" ");
        render(machine, seq);
        render(machine, seq);
        long stopped = seq[0];
        for (int i = 0; i < 10; i++) {
            render(machine, seq);
        }
        assertEquals(stopped, seq[0], "once stopped, a still console publishes no new frames");
        assertNotEquals(0, stopped);
    }
}
