package net.homeagent.peer.link;

import java.util.EnumMap;
import java.util.Map;

import org.slf4j.Logger;

/**
 * One WARN line per drop reason per {@value #INTERVAL_MILLIS} ms, with how many were not logged
 * since: a flood of bad datagrams costs counters, not a flood of log lines. Used on one thread.
 */
final class RateLimitedLog {

    static final long INTERVAL_MILLIS = 10_000;

    private final Logger log;
    private final LinkTimer timer;
    private final Map<DropReason, Long> lastLogged = new EnumMap<>(DropReason.class);
    private final Map<DropReason, Long> suppressed = new EnumMap<>(DropReason.class);

    RateLimitedLog(Logger log, LinkTimer timer) {
        this.log = log;
        this.timer = timer;
    }

    void dropped(DropReason reason, String detail, Object source) {
        long now = timer.nowMillis();
        Long last = lastLogged.get(reason);
        if (last != null && now - last < INTERVAL_MILLIS) {
            suppressed.merge(reason, 1L, Long::sum);
            return;
        }
        lastLogged.put(reason, now);
        long skipped = suppressed.getOrDefault(reason, 0L);
        suppressed.remove(reason);
        log.warn("peer link dropped a datagram from {} ({}): {}{}", source, reason.key(), detail,
                skipped == 0 ? "" : " (" + skipped + " more of this kind not logged)");
    }
}
