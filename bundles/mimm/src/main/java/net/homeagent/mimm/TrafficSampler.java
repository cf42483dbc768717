package net.homeagent.mimm;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mimm.network.ForwardedTraffic;
import net.homeagent.mip.api.DataPlane;
import net.homeagent.mip.api.support.RateLimitedLog;

/**
 * Reads the data plane's tunnel counters into {@link ForwardedTraffic} every interval, on a thread
 * of its own: the data plane's methods may do I/O and a walk of every tunnel must not run on a
 * registration's thread. Without a data plane (the service is optional: an advisor beside a home
 * agent that does not forward) the figures are unknown.
 */
final class TrafficSampler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrafficSampler.class);

    private final ForwardedTraffic traffic;
    private final Supplier<DataPlane> dataPlane;
    private final RateLimitedLog failures = new RateLimitedLog(Clock.systemUTC(), Duration.ofMinutes(1), LOG::warn);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "mimm-forwarded-traffic");
        thread.setDaemon(true);
        return thread;
    });

    /** Samples every {@code interval} from now on, until {@link #close()}. */
    TrafficSampler(ForwardedTraffic traffic, Supplier<DataPlane> dataPlane, Duration interval) {
        this.traffic = traffic;
        this.dataPlane = dataPlane;
        timer.scheduleWithFixedDelay(this::sample, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Never throws: it runs on the timer, which would stop on an exception. */
    private void sample() {
        DataPlane plane = dataPlane.get();
        if (plane == null) {
            traffic.unavailable();
            return;
        }
        try {
            traffic.sample(plane.tunnels(), plane::counters, System.nanoTime());
        } catch (RuntimeException e) {
            traffic.unavailable();
            failures.report(() -> "MIMM: the data plane's tunnel counters could not be read; forwarded traffic"
                    + " unknown until they can", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
