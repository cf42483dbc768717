package net.homeagent.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import net.homeagent.group.wire.SyncMessage.StateChange;

/**
 * This member's terms (docs/redundancy.md, "Terms"): the same idea as Raft's term. Each time the
 * member becomes active it takes a new term, the highest it has seen or learned plus one, and puts
 * it in every change it sends; a receiver ignores a change of a lower term than the one it holds
 * for that home address, so a late retransmission from a previous active member cannot overwrite
 * the new one's state. Terms are seen in changes, learn chunks and heartbeats. They are not
 * persisted: a restarting member always learns, and the learn answer and the heartbeats tell it
 * the group's term before it can become active. Unlike Raft nobody votes (keepalived elects), so
 * two members active at once (a split brain) may hold the same term.
 */
final class GroupTerm {

    /**
     * One term in which this member was active: its number, its sequence of changes from 1, and a
     * ring of its most recent changes, from which a receiver's gap is repaired (docs/redundancy.md,
     * "Gap repair").
     */
    static final class Tenure {
        private final long term;
        private final AtomicLong sequence = new AtomicLong();
        private final AtomicReferenceArray<StateChange> recent;

        Tenure(long term, int keep) {
            this.term = term;
            this.recent = new AtomicReferenceArray<>(keep);
        }

        long term() {
            return term;
        }

        /** The next change's sequence number. */
        long next() {
            return sequence.incrementAndGet();
        }

        /** The last sequence number given out. */
        long last() {
            return sequence.get();
        }

        /** Keeps {@code change} (of this term) for repairs, in place of the change as many before it as the ring holds. */
        void keep(StateChange change) {
            recent.set((int) (change.sequence() % recent.length()), change);
        }

        /**
         * Changes {@code first} to {@code last}, if the ring holds them all. A number given out whose
         * change is not kept yet (another thread between {@link #next} and {@link #keep}) counts as
         * missing: the receiver then learns again, which is slower but never wrong.
         */
        Optional<List<StateChange>> recent(long first, long last) {
            if (first < 1 || last < first || last > sequence.get() || last - first >= recent.length()) {
                return Optional.empty();
            }
            List<StateChange> changes = new ArrayList<>((int) (last - first + 1));
            for (long s = first; s <= last; s++) {
                StateChange change = recent.get((int) (s % recent.length()));
                if (change == null || change.sequence() != s) {
                    return Optional.empty();
                }
                changes.add(change);
            }
            return Optional.of(changes);
        }
    }

    private final int keep;

    private final AtomicLong highest = new AtomicLong();
    private volatile Tenure tenure;

    /** @param keep how many recent changes each term keeps for repairs */
    GroupTerm(int keep) {
        this.keep = keep;
    }

    /** A term heard from the group; raises the highest known. */
    void observe(long term) {
        highest.accumulateAndGet(term, Math::max);
    }

    long highest() {
        return highest.get();
    }

    /** Becoming active: a term higher than any seen. */
    Tenure begin() {
        Tenure next = new Tenure(highest.updateAndGet(h -> h + 1), keep);
        tenure = next;
        return next;
    }

    /** The last term this member was active in, if any (the current one while active). */
    Optional<Tenure> tenure() {
        return Optional.ofNullable(tenure);
    }
}
