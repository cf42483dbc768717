package net.homeagent.mip.api.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Writes at most one line per interval and key (e.g. per refusal reason, per failing listener),
 * and says how many it held back, so that a peer sending garbage on every packet or a component
 * failing on every event cannot flood the log (house rule 5). The keys are a small closed set
 * chosen by the caller, never peer data. Shared by every role bundle so that they all limit and
 * word their lines the same way; time comes from the given clock, so it is tested without sleeping.
 */
public final class RateLimitedLog {

    private static final String NO_KEY = "";

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
     * The message is built only when it is written.
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

    /** For a log that has one source only: {@link #log(String, Supplier, Throwable)} with one fixed key. */
    public boolean report(Supplier<String> message, Throwable failure) {
        return log(NO_KEY, message, failure);
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
