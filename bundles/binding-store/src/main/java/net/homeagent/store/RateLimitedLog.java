package net.homeagent.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Writes at most one line per interval for one source of failures and counts the ones it holds
 * back, so a component failing on every event cannot flood the log (house rule 5).
 */
final class RateLimitedLog {

    private final Clock clock;
    private final Duration interval;
    private final BiConsumer<String, Throwable> sink;
    private Instant quietUntil = Instant.MIN;
    private long suppressed;

    /**
     * @param sink where a line goes, e.g. {@code logger::warn}
     */
    RateLimitedLog(Clock clock, Duration interval, BiConsumer<String, Throwable> sink) {
        this.clock = clock;
        this.interval = interval;
        this.sink = sink;
    }

    /**
     * Writes {@code message} unless a line was written less than an interval ago.
     *
     * @return whether a line was written
     */
    synchronized boolean report(Supplier<String> message, Throwable failure) {
        Instant now = clock.instant();
        if (now.isBefore(quietUntil)) {
            suppressed++;
            return false;
        }
        String line = suppressed == 0 ? message.get()
                : message.get() + " (" + suppressed + " more since the last report were not logged)";
        suppressed = 0;
        quietUntil = now.plus(interval);
        sink.accept(line, failure);
        return true;
    }
}
