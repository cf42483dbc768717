package net.homeagent.delegation.pha;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import net.homeagent.delegation.Tally;
import net.homeagent.mip.api.BindingEvent;

/**
 * The binding changes the PHA has not looked at yet: the newest event of each home address, in the
 * order the home addresses first changed. The binding listener only records here, on the registering
 * thread, without a lock and in constant time; the PHA's own thread takes the changes and does the
 * deciding, encoding and sending (issue 13: the listener must not slow the registration path). Two
 * changes of one home address before the PHA looked are one: the newest binding is what its SHA must
 * hear of, and a Start for the older one would be stale.
 */
final class ChangeInbox {

    /**
     * @param event        the newest change of the home address
     * @param at           when the first of the changes folded into this one was recorded: in order
     *                     after-ack the registration's reply waits at most the ack timeout from then
     * @param removedFirst a deregistration or expiry was folded into this change (the mobile was gone
     *                     in between: what the PHA kept for it, an operator's pin, its rate, goes)
     */
    record Change(BindingEvent event, Instant at, boolean removedFirst) {

        Inet4Address home() {
            return event.binding().homeAddress();
        }

        private Change after(Change earlier) {
            boolean removed = earlier.removedFirst || earlier.event.type() == BindingEvent.Type.REMOVED;
            return new Change(event, earlier.at, removed);
        }
    }

    private final ConcurrentHashMap<Inet4Address, Change> newest = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Inet4Address> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainDue = new AtomicBoolean();
    private final Tally<PhaCount> counts;

    ChangeInbox(Tally<PhaCount> counts) {
        this.counts = counts;
    }

    /**
     * Records a change (any thread).
     *
     * @return true when the caller must schedule a drain: none is due yet
     */
    boolean record(BindingEvent event, Instant at) {
        Change change = new Change(event, at, false);
        Change merged = newest.merge(change.home(), change, (earlier, later) -> later.after(earlier));
        if (merged == change) {
            arrivals.add(change.home());
        } else {
            counts.increment(PhaCount.CHANGES_FOLDED);
        }
        return drainDue.compareAndSet(false, true);
    }

    /** The oldest home address's newest change, or null when none waits (one drainer at a time). */
    Change take() {
        Inet4Address home;
        while ((home = arrivals.poll()) != null) {
            Change change = newest.remove(home);
            if (change != null) {
                return change;
            }
        }
        return null;
    }

    /** Whether a change of {@code home} waits to be taken. */
    boolean waiting(Inet4Address home) {
        return newest.containsKey(home);
    }

    /**
     * The drainer found nothing more to take.
     *
     * @return true when changes were recorded meanwhile and the drainer must go on (no other drain
     *         was scheduled for them)
     */
    boolean drained() {
        drainDue.set(false);
        return !arrivals.isEmpty() && drainDue.compareAndSet(false, true);
    }

    /** Home addresses with a change waiting. */
    int size() {
        return newest.size();
    }
}
