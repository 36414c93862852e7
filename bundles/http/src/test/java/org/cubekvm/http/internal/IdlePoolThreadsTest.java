package org.cubekvm.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.cubekvm.testsupport.Await;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Felix's Jetty pool ({@code new QueuedThreadPool(4)}: it starts 4 threads and keeps them) gets its real maximum
 * and gives back its idle threads once tuned.
 */
class IdlePoolThreadsTest {

    @Test
    void felixsPoolShrinksToTheMinimumOnceTuned() throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(4); // as Felix HTTP builds it from threadpool.max
        pool.start();
        try {
            assertEquals(4, pool.getMinThreads(), "Felix's pool keeps its maximum as its minimum");
            assertEquals(4, pool.getThreads());
            assertTrue(IdlePoolThreads.of("2", "8", "200").applyTo(pool));
            assertEquals(2, pool.getMinThreads());
            assertEquals(200, pool.getIdleTimeout());
            assertEquals(8, pool.getMaxThreads(), "a burst gets up to the configured maximum");
            assertTrue(pool.getThreads() <= 5,
                    "tuning starts at most one thread to restart the idle count: " + pool.getThreads());
            Await.until("the idle threads ended well before Jetty's 60 s", Duration.ofSeconds(50),
                    () -> pool.getThreads() <= 2);
            assertEquals(2, pool.getThreads(), "the idle threads ended well before Jetty's 60 s");
        } finally {
            pool.stop();
        }
    }

    @Test
    void aBurstGetsThreadsUpToTheMaximum() throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(4);
        pool.start();
        int jobs = 7; // more than Felix's 4, within the tuned 8 (one thread stays reserved)
        CountDownLatch running = new CountDownLatch(jobs);
        CountDownLatch release = new CountDownLatch(1);
        try {
            assertTrue(IdlePoolThreads.of("2", "8", "200").applyTo(pool));
            for (int i = 0; i < jobs; i++) {
                pool.execute(() -> {
                    running.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertTrue(running.await(10, TimeUnit.SECONDS), "all " + jobs + " jobs ran at once");
        } finally {
            release.countDown();
            pool.stop();
        }
    }

    @Test
    void defaultsWithoutProperties() {
        IdlePoolThreads tuning = IdlePoolThreads.of(null, null, " ");
        assertEquals(IdlePoolThreads.DEFAULT_MIN, tuning.min());
        assertEquals(IdlePoolThreads.DEFAULT_MAX, tuning.max());
        assertEquals(IdlePoolThreads.DEFAULT_IDLE_MILLIS, tuning.idleMillis());
    }

    @Test
    void aBadValueIsNamed() {
        assertRefused(IdlePoolThreads.MIN_PROPERTY, "0", () -> IdlePoolThreads.of("0", null, null));
        assertRefused(IdlePoolThreads.MAX_PROPERTY, "3", () -> IdlePoolThreads.of(null, "3", null));
        assertRefused(IdlePoolThreads.IDLE_MILLIS_PROPERTY, "soon", () -> IdlePoolThreads.of(null, null, "soon"));
    }

    private static void assertRefused(String property, String value, Executable parse) {
        String message = assertThrows(IllegalArgumentException.class, parse).getMessage();
        assertTrue(message.contains(property) && message.contains("was " + value), message);
    }

    @Test
    void aPoolThatIsNotJettysIsLeftAlone() {
        ThreadPool other = new ThreadPool() {
            @Override
            public void join() {
            }

            @Override
            public int getThreads() {
                return 1;
            }

            @Override
            public int getIdleThreads() {
                return 0;
            }

            @Override
            public boolean isLowOnThreads() {
                return false;
            }

            @Override
            public void execute(Runnable command) {
                command.run();
            }
        };
        assertFalse(IdlePoolThreads.of(null, null, null).applyTo(other));
    }
}
