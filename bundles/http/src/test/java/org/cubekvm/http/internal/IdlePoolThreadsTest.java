package org.cubekvm.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.cubekvm.testsupport.Await;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.junit.jupiter.api.Test;

/** Felix's Jetty pool ({@code new QueuedThreadPool(8)}: minimum 8) gives back its idle threads once tuned. */
class IdlePoolThreadsTest {

    @Test
    void felixsPoolShrinksToTheMinimumOnceTuned() throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(8); // as Felix HTTP builds it
        pool.start();
        try {
            assertEquals(8, pool.getMinThreads(), "Felix's pool keeps its maximum as its minimum");
            assertEquals(8, pool.getThreads());
            assertTrue(IdlePoolThreads.of("2", "200").applyTo(pool));
            assertEquals(2, pool.getMinThreads());
            assertEquals(200, pool.getIdleTimeout());
            assertEquals(8, pool.getMaxThreads(), "a burst still gets every thread");
            Await.until("the six idle threads ended well before Jetty's 60 s", Duration.ofSeconds(50), () -> pool.getThreads() <= 2);
            assertEquals(2, pool.getThreads(), "the six idle threads ended well before Jetty's 60 s");
        } finally {
            pool.stop();
        }
    }

    @Test
    void defaultsWithoutProperties() {
        IdlePoolThreads tuning = IdlePoolThreads.of(null, " ");
        assertEquals(IdlePoolThreads.DEFAULT_MIN, tuning.min());
        assertEquals(IdlePoolThreads.DEFAULT_IDLE_MILLIS, tuning.idleMillis());
    }

    @Test
    void aBadValueIsNamed() {
        IllegalArgumentException min = assertThrows(IllegalArgumentException.class, () -> IdlePoolThreads.of("0", null));
        assertTrue(min.getMessage().contains(IdlePoolThreads.MIN_PROPERTY) && min.getMessage().contains("was 0"), min.getMessage());
        IllegalArgumentException idle = assertThrows(IllegalArgumentException.class, () -> IdlePoolThreads.of(null, "soon"));
        assertTrue(idle.getMessage().contains(IdlePoolThreads.IDLE_MILLIS_PROPERTY) && idle.getMessage().contains("was soon"),
                idle.getMessage());
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
        assertFalse(IdlePoolThreads.of(null, null).applyTo(other));
    }
}
