package net.homeagent.peer.link;

import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;

/**
 * One WARN line per kind (a drop reason, a failing receiver, a member given up) per {@value #INTERVAL_MILLIS} ms,
 * with how many were not logged since: a flood of bad datagrams costs counters, not a flood of
 * log lines. Used on one thread.
 */
final class RateLimitedLog {

    static final long INTERVAL_MILLIS = 10_000;

    private final Logger log;
    private final LinkTimer timer;
    private final Map<String, Long> lastLogged = new HashMap<>();
    private final Map<String, Long> suppressed = new HashMap<>();

    RateLimitedLog(Logger log, LinkTimer timer) {
        this.log = log;
        this.timer = timer;
    }

    /** Logs {@code message} (a slf4j format; a last Throwable argument is logged as such) unless its kind logged lately. */
    void warn(String kind, String message, Object... arguments) {
        long now = timer.nowMillis();
        Long last = lastLogged.get(kind);
        if (last != null && now - last < INTERVAL_MILLIS) {
            suppressed.merge(kind, 1L, Long::sum);
            return;
        }
        lastLogged.put(kind, now);
        Long skipped = suppressed.remove(kind);
        log.warn(skipped == null ? message : message + " (" + skipped + " more of this kind not logged)", arguments);
    }
}
