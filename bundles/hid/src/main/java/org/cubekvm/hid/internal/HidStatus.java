package org.cubekvm.hid.internal;

import java.util.List;

/**
 * {@code GET /api/hid/status}.
 *
 * @param online      whether reports reach a host now
 * @param sink        the sink's component name, null when there is none
 * @param connections open /api/hid WebSockets
 * @param pressed     what the sink was last told: held modifiers, key usages and mouse buttons
 */
record HidStatus(boolean online, String sink, int connections, Leds leds, HidSettings settings, Pressed pressed,
        Queues queued, Counters counters) {

    record Leds(boolean numLock, boolean capsLock, boolean scrollLock) {
    }

    record Pressed(int modifiers, List<Integer> keys, int buttons) {
    }

    record Queues(int keyboard, int pointer) {
    }

    record Counters(long messages, long malformed, long heartbeats, long releaseAll, long keyboardReports,
            long mouseReports, long keyboardWritten, long pointerWritten, long pointerCoalesced, long pointerDropped,
            long keyboardDropped, long noSink, long sinkRejected, long sinkErrors) {
    }
}
