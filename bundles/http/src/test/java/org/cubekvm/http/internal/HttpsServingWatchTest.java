package org.cubekvm.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * HTTPS that serves at once is published at once; HTTPS that is slow is published as 0 (plain HTTP meanwhile)
 * when the patience is spent, then with its port once it serves, instead of staying on plain HTTP until the
 * next start. A fake clock moves with each pause, so nothing here waits.
 */
class HttpsServingWatchTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<Integer> published = new ArrayList<>();
    private final List<Long> pauses = new ArrayList<>();
    private final AtomicInteger gaveUp = new AtomicInteger();

    private HttpsServingWatch watch(HttpsServingWatch.Probe probe) {
        return new HttpsServingWatch(8443, probe, published::add, 30_000, now::get, millis -> {
            pauses.add(millis);
            now.addAndGet(millis);
        });
    }

    @Test
    void httpsThatServesAtOnceIsPublishedWithItsPortOnly() throws InterruptedException {
        watch(() -> true).await(gaveUp::incrementAndGet);
        assertEquals(List.of(8443), published);
        assertEquals(0, gaveUp.get());
        assertEquals(List.of(), pauses);
    }

    @Test
    void httpsThatServesWithinThePatienceNeverFallsBackToPlainHttp() throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        watch(() -> attempts.incrementAndGet() > 50).await(gaveUp::incrementAndGet);
        assertEquals(List.of(8443), published);
        assertEquals(0, gaveUp.get());
        assertEquals(50, pauses.size());
    }

    @Test
    void slowHttpsFallsBackToPlainHttpOnceThenIsPublishedWhenItServes() throws InterruptedException {
        long start = now.get();
        List<Long> fallbackAt = new ArrayList<>();
        // Serves 45 s after the start: 15 s after the patience was spent.
        watch(() -> now.get() - start >= 45_000).await(() -> {
            fallbackAt.add(now.get() - start);
            gaveUp.incrementAndGet();
        });
        assertEquals(List.of(0, 8443), published, "first plain HTTP, then the HTTPS port");
        assertEquals(1, gaveUp.get());
        assertEquals(30_000, fallbackAt.get(0), "the fallback comes when the patience is spent, not before");
        // Before the fallback it asks every 100 ms; afterwards every 2 s.
        assertEquals(HttpsServingWatch.FIRST_INTERVAL_MILLIS, pauses.get(0));
        assertEquals(HttpsServingWatch.LATER_INTERVAL_MILLIS, pauses.get(pauses.size() - 1));
        assertEquals(300 + 8, pauses.size());
    }

    @Test
    void anInterruptEndsTheWaitWithoutPublishingTheHttpsPort() {
        HttpsServingWatch watch = new HttpsServingWatch(8443, () -> false, published::add, 30_000, now::get, millis -> {
            throw new InterruptedException("deactivated");
        });
        assertThrows(InterruptedException.class, () -> watch.await(gaveUp::incrementAndGet));
        assertEquals(List.of(), published);
    }

    @Test
    void aPortIsRequired() {
        assertThrows(IllegalArgumentException.class,
                () -> new HttpsServingWatch(0, () -> true, published::add, 30_000, now::get, millis -> { }));
    }
}
