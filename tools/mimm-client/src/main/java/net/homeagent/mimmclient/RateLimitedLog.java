package net.homeagent.mimmclient;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs a problem at most once per {@link #INTERVAL} per key, so that a file full of bad lines or a
 * peer sending garbage cannot flood the log; the counters keep the full count.
 */
public final class RateLimitedLog {

    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final System.Logger logger;
    private final Clock clock;
    private final Map<String, Instant> lastLogged = new ConcurrentHashMap<>();

    public RateLimitedLog(System.Logger logger, Clock clock) {
        this.logger = logger;
        this.clock = clock;
    }

    /** Logs {@code detail} at WARNING unless {@code key} was logged less than a minute ago; true if logged. */
    public boolean warn(String key, String detail) {
        Instant now = clock.instant();
        boolean[] due = {false};
        lastLogged.compute(key, (k, last) -> {
            due[0] = last == null || !now.isBefore(last.plus(INTERVAL));
            return due[0] ? now : last;
        });
        if (due[0]) {
            logger.log(Level.WARNING, detail + " (further '" + key + "' problems within a minute are only counted)");
        }
        return due[0];
    }
}
