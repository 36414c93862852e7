package org.cubekvm.hid.internal;

import java.util.concurrent.atomic.LongAdder;

/** What happened on the HID path since start; exposed by {@code GET /api/hid/status}. */
final class HidCounters {
    final LongAdder messages = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder heartbeats = new LongAdder();
    final LongAdder releaseAll = new LongAdder();
    final LongAdder keyboardReports = new LongAdder();
    final LongAdder mouseReports = new LongAdder();
    final LongAdder keyboardWritten = new LongAdder();
    final LongAdder pointerWritten = new LongAdder();
    final LongAdder pointerCoalesced = new LongAdder();
    final LongAdder pointerDropped = new LongAdder();
    final LongAdder keyboardDropped = new LongAdder();
    final LongAdder noSink = new LongAdder();
    final LongAdder sinkRejected = new LongAdder();
    final LongAdder sinkErrors = new LongAdder();

    HidStatus.Counters snapshot() {
        return new HidStatus.Counters(messages.sum(), malformed.sum(), heartbeats.sum(), releaseAll.sum(),
                keyboardReports.sum(), mouseReports.sum(), keyboardWritten.sum(), pointerWritten.sum(),
                pointerCoalesced.sum(), pointerDropped.sum(), keyboardDropped.sum(), noSink.sum(), sinkRejected.sum(),
                sinkErrors.sum());
    }
}
