package net.homeagent.ha.registration;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@link Timeouts} on one daemon thread. A cancelled deadline leaves the queue at once, so that the
 * many registrations a fast policy answers before their deadline do not pile up in it.
 */
final class ScheduledTimeouts implements Timeouts, AutoCloseable {

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "ha-policy-deadlines");
        t.setDaemon(true);
        return t;
    });

    ScheduledTimeouts() {
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Runnable after(Duration delay, Runnable action) {
        ScheduledFuture<?> scheduled = timer.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> scheduled.cancel(false);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
