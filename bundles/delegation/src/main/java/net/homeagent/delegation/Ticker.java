package net.homeagent.delegation;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread of a role: runs its periodic task and whatever else it is handed, one at a time.
 * A run that throws is logged and the next one runs all the same (a scheduled executor would
 * silently stop a task that throws, and a silent SHA is taken for failed).
 */
public final class Ticker implements Executor, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Ticker.class);

    private final String name;
    private final ScheduledExecutorService executor;

    public Ticker(String name) {
        this.name = name;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        });
    }

    public void every(Duration period, Runnable task) {
        executor.scheduleAtFixedRate(() -> execute(task), period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("{} failed", name, e);
            }
        });
    }

    /** Lets what was handed over finish (at most 2 s), then stops. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
