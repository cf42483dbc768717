package net.homeagent.hacn;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task run every {@code period} on its own daemon thread (the HA's heartbeat, the control node's
 * tick). A run that throws is logged and the next one runs all the same: a scheduled executor
 * would silently stop a task that throws, and a silent HA is declared failed.
 */
public final class PeriodicTask implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicTask.class);

    private final ScheduledExecutorService executor;

    public PeriodicTask(String thread, Duration period, Runnable task) {
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, thread);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleAtFixedRate(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("{} failed", thread, e);
            }
        }, 0, period.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
