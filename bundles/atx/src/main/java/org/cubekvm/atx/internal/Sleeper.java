package org.cubekvm.atx.internal;

/** How an action waits while a button is down: the real clock, or a test's fake one. */
interface Sleeper {
    Sleeper SYSTEM = Thread::sleep;

    void sleep(long millis) throws InterruptedException;
}
