package org.cubekvm.hid.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HidConnectionTest {
    private final RecordingSink sink = new RecordingSink();
    private HidHub hub;

    @BeforeEach
    void bind() {
        hub = new HidHub();
        hub.bindSink(sink, Map.of("component.name", "test-sink"));
    }

    @AfterEach
    void unbind() {
        hub.deactivate();
    }

    private static ByteBuffer hex(String hex) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    @Test
    void keyboardReportsReachTheSinkInOrder() throws InterruptedException {
        HidConnection connection = new HidConnection(hub);
        connection.handle(hex("01 02 00 04 00 00 00 00 00"));
        connection.handle(hex("01 00 00 00 00 00 00 00 00"));
        assertEquals(List.of(RecordingSink.keyboard(0x02, 0, 0x04), RecordingSink.keyboard()), sink.awaitCalls(2));
    }

    @Test
    void mouseReportsReachTheSink() throws InterruptedException {
        HidConnection connection = new HidConnection(hub);
        connection.handle(hex("02 01 05 fb 00"));
        connection.handle(hex("02 00 ff3f 0040 01"));
        assertEquals(List.of("rel 1 5 -5 0", "abs 0 16383 16384 1"), sink.awaitCalls(2));
    }

    @Test
    void closingReleasesHeldKeysAndButtons() throws InterruptedException {
        HidConnection connection = new HidConnection(hub);
        connection.handle(hex("01 00 00 04 00 00 00 00 00"));
        connection.handle(hex("02 01 0040 0040 00"));
        sink.awaitCalls(2);
        connection.onWebSocketClose(1001, "gone");
        List<String> calls = sink.awaitCalls(4);
        assertTrue(calls.contains(RecordingSink.keyboard()), calls.toString());
        assertTrue(calls.contains("abs 0 16384 16384 0"), calls.toString());
        connection.onWebSocketError(new RuntimeException("after close"));
        assertEquals(4, sink.settle(hub.writer()).size(), "a second end must not release again");
    }

    @Test
    void closingWithNothingHeldWritesNothing() throws InterruptedException {
        HidConnection connection = new HidConnection(hub);
        connection.handle(hex("01 00 00 04 00 00 00 00 00"));
        connection.handle(hex("01 00 00 00 00 00 00 00 00"));
        sink.awaitCalls(2);
        connection.onWebSocketClose(1000, "bye");
        assertEquals(2, sink.settle(hub.writer()).size());
    }

    @Test
    void releaseAllReleasesEverything() throws InterruptedException {
        HidConnection connection = new HidConnection(hub);
        connection.handle(hex("01 01 00 04 05 00 00 00 00"));
        connection.handle(hex("03"));
        List<String> calls = sink.awaitCalls(3);
        assertEquals(List.of(RecordingSink.keyboard(0x01, 0, 0x04, 0x05), RecordingSink.keyboard()),
                calls.stream().filter(c -> c.startsWith("kbd")).toList(), "keyboard and pointer are written by separate threads");
        assertEquals(List.of("abs 0 0 0 0"), calls.stream().filter(c -> c.startsWith("abs")).toList());
        assertEquals(1, hub.counters().releaseAll.sum());
    }

    @Test
    void malformedMessagesAreCountedAndNeverWritten() throws InterruptedException {
        HidConnection connection = new HidConnection(hub);
        connection.handle(hex(""));
        connection.handle(hex("01 00 01 04 00 00 00 00 00"));
        connection.handle(hex("02 08 00 00 00"));
        connection.handle(ByteBuffer.allocate(64 * 1024));
        connection.onWebSocketText("{\"type\":\"key\"}");
        assertEquals(5, hub.counters().malformed.sum());
        assertEquals(0, sink.settle(hub.writer()).size());
    }

    /** Acceptance 2 in small: random bytes never reach the sink unless they form a valid report. */
    @Test
    void randomMessagesOnlyEverWriteWellFormedReports() throws InterruptedException {
        HidConnection connection = new HidConnection(hub);
        Random random = new Random(4);
        int wellFormed = 0;
        for (int i = 0; i < 10_000; i++) {
            byte[] message = RandomMessages.next(random);
            ByteBuffer buffer = ByteBuffer.wrap(message);
            if (HidMessages.classify(buffer) != HidMessages.Kind.MALFORMED) {
                wellFormed++;
            }
            connection.handle(buffer);
        }
        connection.onWebSocketClose(1000, "done");
        for (String call : sink.settle(hub.writer())) {
            assertTrue(call.matches("kbd( [0-9a-f]{2}){8}|rel [0-7] -?\\d+ -?\\d+ -?\\d+|abs [0-7] \\d+ \\d+ -?\\d+"), call);
            if (call.startsWith("abs")) {
                String[] parts = call.split(" ");
                assertTrue(Integer.parseInt(parts[2]) <= 32767 && Integer.parseInt(parts[3]) <= 32767, call);
            }
        }
        HidStatus.Counters counters = hub.counters().snapshot();
        assertEquals(10_000, counters.messages());
        assertEquals(10_000 - wellFormed, counters.malformed());
        assertTrue(wellFormed > 1000, "the generator must also produce valid reports, made " + wellFormed);
        assertEquals(0, counters.sinkRejected() + counters.sinkErrors());
        assertEquals(RecordingSink.keyboard(), sink.settle(hub.writer()).stream().filter(c -> c.startsWith("kbd")).reduce((a, b) -> b).orElseThrow(),
                "the last keyboard report after close is a release");
    }

    @Test
    void noSinkMeansNothingIsQueued() {
        HidHub empty = new HidHub();
        HidConnection connection = new HidConnection(empty);
        connection.handle(hex("01 00 00 04 00 00 00 00 00"));
        assertEquals(1, empty.counters().noSink.sum());
        assertEquals(false, empty.status().online());
    }
}
