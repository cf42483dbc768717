package net.homeagent.snmp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import net.homeagent.mip.api.events.ApplianceEvent;

/**
 * At most {@code perInterval} notifications of one kind per interval (a fixed window per kind), so a
 * flapping threshold or a failing component cannot flood a manager; what is held back is counted
 * (hamNotificationsSuppressed, and in snmp:status).
 */
final class NotificationLimiter {

    private final Clock clock;
    private final int perInterval;
    private final Duration interval;
    private final Map<ApplianceEvent.Kind, Window> windows = new EnumMap<>(ApplianceEvent.Kind.class);
    private final LongAdder suppressed = new LongAdder();

    NotificationLimiter(Clock clock, int perInterval, Duration interval) {
        this.clock = clock;
        this.perInterval = perInterval;
        this.interval = interval;
    }

    /** @return whether a notification of this kind may be sent now; if not, it is counted as suppressed */
    synchronized boolean admit(ApplianceEvent.Kind kind) {
        Instant now = clock.instant();
        Window w = windows.computeIfAbsent(kind, k -> new Window());
        if (!now.isBefore(w.start.plus(interval))) {
            w.start = now;
            w.sent = 0;
        }
        if (w.sent >= perInterval) {
            suppressed.increment();
            return false;
        }
        w.sent++;
        return true;
    }

    long suppressed() {
        return suppressed.sum();
    }

    private static final class Window {
        Instant start = Instant.MIN;
        int sent;
    }
}
