package net.homeagent.routes;

import java.util.concurrent.atomic.LongAdder;

import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.RemovalReason;

/**
 * Bindings added and removed (by reason) since the audit log's last summary. Counted on the
 * registering thread with one {@link LongAdder} increment, which is all that a binding change costs
 * the routes unless an operator endpoint asks for bindings one by one: at 100,000 registrations a
 * second an exchange through the routes for each would cost more than the registration itself
 * (measured: the lab journal,
 * git show 9740906:docs/PERFORMANCE.md, "The event routes on the registration path").
 */
final class BindingTally {

    private static final RemovalReason[] REASONS = RemovalReason.values();

    private final LongAdder added = new LongAdder();
    private final LongAdder[] removed = new LongAdder[REASONS.length];

    BindingTally() {
        for (int i = 0; i < removed.length; i++) {
            removed[i] = new LongAdder();
        }
    }

    void count(BindingEvent event) {
        switch (event.type()) {
            case ADDED -> added.increment();
            case REMOVED -> removed[event.reason().orElseThrow().ordinal()].increment();
            case RENEWED -> { }
        }
    }

    /** What was counted since the last call, and zero again. */
    Counts drain() {
        long[] byReason = new long[REASONS.length];
        for (int i = 0; i < byReason.length; i++) {
            byReason[i] = removed[i].sumThenReset();
        }
        return new Counts(added.sumThenReset(), byReason);
    }

    /** @param removedByReason indexed by {@link RemovalReason#ordinal()} */
    record Counts(long added, long[] removedByReason) {

        long removed() {
            long sum = 0;
            for (long n : removedByReason) {
                sum += n;
            }
            return sum;
        }

        /** " (EXPIRED 3, REPLACED 5)", or "" when nothing was removed. */
        String reasons() {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < removedByReason.length; i++) {
                if (removedByReason[i] > 0) {
                    text.append(text.length() == 0 ? " (" : ", ").append(REASONS[i]).append(' ').append(removedByReason[i]);
                }
            }
            return text.length() == 0 ? "" : text.append(')').toString();
        }
    }
}
