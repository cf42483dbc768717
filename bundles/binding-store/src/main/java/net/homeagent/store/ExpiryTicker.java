package net.homeagent.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import net.homeagent.mip.api.support.RateLimitedLog;

/**
 * Runs the store's expiry on one daemon thread at a fixed delay. A failing run is logged
 * (rate-limited) and the next one still comes: a periodic task that throws would otherwise
 * be cancelled silently and bindings would never expire again.
 */
final class ExpiryTicker {

    private static final Logger LOG = LoggerFactory.getLogger(ExpiryTicker.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Runnable expireDue;
    private final RateLimitedLog failureLog;
    private ScheduledExecutorService executor;
    private ScheduledFuture<?> task;
    private Duration period;

    ExpiryTicker(Runnable expireDue, Clock clock) {
        this.expireDue = expireDue;
        this.failureLog = new RateLimitedLog(clock, BindingListeners.FAILURE_LOG_INTERVAL, LOG::error);
    }

    /** Starts ticking every {@code period}, or changes the period of a running ticker. */
    synchronized void start(Duration period) {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "binding-expiry");
                thread.setDaemon(true);
                return thread;
            });
        }
        if (task != null) {
            task.cancel(false);
        }
        long millis = period.toMillis();
        task = executor.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
        this.period = period;
    }

    /** Stops ticking and waits a little for a run in progress. */
    synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Binding expiry still running {} after stop", STOP_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
        task = null;
        period = null;
    }

    /** The tick period while running. */
    synchronized Optional<Duration> period() {
        return Optional.ofNullable(period);
    }

    private void tick() {
        try {
            expireDue.run();
        } catch (RuntimeException failure) {
            failureLog.report(() -> "Binding expiry failed; retrying on the next tick", failure);
        }
    }
}
