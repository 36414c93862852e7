package org.cubekvm.atx.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/** A fake clock for actions: records each requested sleep and blocks until the test lets it pass. */
final class GatedSleeper implements Sleeper {
    final List<Long> sleeps = new CopyOnWriteArrayList<>();
    final CountDownLatch sleeping = new CountDownLatch(1);
    private final Semaphore pass = new Semaphore(0);

    @Override
    public void sleep(long millis) throws InterruptedException {
        sleeps.add(millis);
        sleeping.countDown();
        pass.acquire();
    }

    void letOneThrough() {
        pass.release();
    }
}
