package net.homeagent.group;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The group's one thread: every input of the member (received messages, keepalived's notices,
 * timers) runs on it, one at a time, so the member's state needs no locks. Injected, so that tests
 * run timers by moving a clock instead of sleeping.
 */
interface Scheduler extends Executor {

    /** Runs {@code task} on the group's thread after {@code delay}, unless cancelled first. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that may still be stopped. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
