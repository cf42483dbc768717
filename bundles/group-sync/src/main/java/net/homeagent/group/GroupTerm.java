package net.homeagent.group;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

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

    /** One term in which this member was active: its number and its sequence of changes, from 1. */
    static final class Tenure {
        private final long term;
        private final AtomicLong sequence = new AtomicLong();

        Tenure(long term) {
            this.term = term;
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
    }

    private final AtomicLong highest = new AtomicLong();
    private volatile Tenure tenure;

    /** A term heard from the group; raises the highest known. */
    void observe(long term) {
        highest.accumulateAndGet(term, Math::max);
    }

    long highest() {
        return highest.get();
    }

    /** Becoming active: a term higher than any seen. */
    Tenure begin() {
        Tenure next = new Tenure(highest.updateAndGet(h -> h + 1));
        tenure = next;
        return next;
    }

    /** The last term this member was active in, if any (the current one while active). */
    Optional<Tenure> tenure() {
        return Optional.ofNullable(tenure);
    }
}
