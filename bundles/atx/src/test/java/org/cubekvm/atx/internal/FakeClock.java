package org.cubekvm.atx.internal;

import java.util.concurrent.atomic.AtomicLong;

/** Milliseconds that pass only when an action sleeps: timings are exact, nothing waits. */
final class FakeClock implements Sleeper {
    private final AtomicLong now = new AtomicLong();

    long now() {
        return now.get();
    }

    @Override
    public void sleep(long millis) {
        now.addAndGet(millis);
    }
}
