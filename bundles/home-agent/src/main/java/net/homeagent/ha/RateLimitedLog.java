package net.homeagent.ha;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Writes at most one line per interval and key (e.g. per refusal reason), and says how many it
 * held back, so that a peer sending garbage on every packet cannot flood the log (house rule 5).
 * The keys are a small closed set chosen by the caller, never peer data.
 */
public final class RateLimitedLog {

    private final Clock clock;
    private final Duration interval;
    private final BiConsumer<String, Throwable> sink;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** @param sink where a line goes, e.g. {@code logger::info} */
    public RateLimitedLog(Clock clock, Duration interval, BiConsumer<String, Throwable> sink) {
        this.clock = clock;
        this.interval = interval;
        this.sink = sink;
    }

    /**
     * Writes {@code message} unless a line with the same key was written less than an interval ago.
     *
     * @return whether a line was written
     */
    public boolean log(String key, Supplier<String> message) {
        return log(key, message, null);
    }

    /** As {@link #log(String, Supplier)}, with the failure's stack trace when the line is written. */
    public boolean log(String key, Supplier<String> message, Throwable failure) {
        return windows.computeIfAbsent(key, k -> new Window()).report(message, failure);
    }

    private final class Window {
        private Instant quietUntil = Instant.MIN;
        private long suppressed;

        synchronized boolean report(Supplier<String> message, Throwable failure) {
            Instant now = clock.instant();
            if (now.isBefore(quietUntil)) {
                suppressed++;
                return false;
            }
            String line = suppressed == 0 ? message.get()
                    : message.get() + " (" + suppressed + " similar suppressed in the last " + interval.toSeconds()
                            + " s)";
            suppressed = 0;
            quietUntil = now.plus(interval);
            sink.accept(line, failure);
            return true;
        }
    }
}
