package net.homeagent.routes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.management.ManagementNotifier;

/**
 * The routes' way to the SNMP notifier, which holds the events while there is none. At boot the
 * routes start before the SNMP agent, and roles publish their first events in between (a MIPv6
 * binding cache recovery starting, a group member's first state): handed to nobody, they were
 * logged and never notified. Held are the last {@code capacity} events, and only those at most
 * {@code maxAge} old when the notifier comes, so that an agent installed hours later is not sent
 * the boot's events. The held events go out in their order and before any later one; the notifier
 * decides, as for every event, which are notifiable and applies its rate limit.
 */
final class HeldNotifications implements Consumer<ApplianceEvent> {

    private final int capacity;
    private final Duration maxAge;
    private final Clock clock;
    private final Deque<ApplianceEvent> held = new ArrayDeque<>();
    private ManagementNotifier notifier;
    private long discarded;

    HeldNotifications(int capacity, Duration maxAge, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Hands {@code event} to the notifier, or holds it while there is none. */
    @Override
    public synchronized void accept(ApplianceEvent event) {
        if (notifier != null) {
            notifier.raise(event);
            return;
        }
        if (held.size() == capacity) {
            held.removeFirst();
            discarded++;
        }
        held.addLast(event);
    }

    /**
     * The notifier is there: the held events young enough go to it first.
     *
     * @return how many held events it was handed
     */
    synchronized int attach(ManagementNotifier arrived) {
        notifier = arrived;
        Instant oldest = clock.instant().minus(maxAge);
        int handed = 0;
        for (ApplianceEvent event = held.pollFirst(); event != null; event = held.pollFirst()) {
            if (event.at().isBefore(oldest)) {
                discarded++;
            } else {
                arrived.raise(event);
                handed++;
            }
        }
        return handed;
    }

    /** {@code leaving} is gone; events are held again until the next one comes. */
    synchronized void detach(ManagementNotifier leaving) {
        if (notifier == leaving) {
            notifier = null;
        }
    }

    /** Events never handed to a notifier: beyond the capacity, or too old when it came. */
    synchronized long discarded() {
        return discarded;
    }
}
