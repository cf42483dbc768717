package net.homeagent.group;

import java.net.Inet4Address;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import net.homeagent.group.wire.SyncMessage.StateChange;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.ChangeOrigin;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.peer.PeerMessage;

/**
 * Applies the group's changes to this member's table (docs/redundancy.md, "Replication"). A change
 * is a home address's whole state, so applying one twice is harmless; what must not happen is an
 * older state overwriting a newer one, since the link neither orders nor deduplicates. So each home
 * address remembers the last change applied to it (the sender's term, the sender, the sender's link
 * epoch, its sequence number). A change of a lower term is a previous active member's late one and
 * is ignored ({@code stale-term-ignored}), as Raft ignores a message of an older term; a change of
 * the same term, sender and epoch that is not newer is ignored ({@code replication-stale}). A delete
 * is remembered the same way, as a tombstone, for {@code tombstoneLife}: a late add of the same or an
 * older term cannot bring the binding back, and then the tombstone is purged. A change of a higher
 * term, or of the same term from another sender or epoch, is newer by construction: only one member
 * is active in a term.
 */
final class ChangeApplier {

    /** The last change applied to a home address; {@code deletedAt} set for a tombstone. */
    private record Applied(long term, int sender, long epoch, long sequence, Instant deletedAt, long order) {
    }

    /** Where a learned table came from: the responder, its link epoch, its term and its last sequence sent. */
    record LearnedFrom(int sender, long epoch, long term, long sequence) {
    }

    private final BindingStore store;
    private final Clock clock;
    private final GroupCounters counters;
    private final Duration tombstoneLife;
    private final Map<Inet4Address, Applied> applied = new ConcurrentHashMap<>();
    /** Counts the changes applied, so that a learn import can tell which home addresses changed since it began. */
    private final AtomicLong order = new AtomicLong();

    ChangeApplier(BindingStore store, Clock clock, GroupCounters counters, Duration tombstoneLife) {
        this.store = store;
        this.clock = clock;
        this.counters = counters;
        this.tombstoneLife = tombstoneLife;
    }

    /**
     * Applies {@code change} from {@code message}'s sender unless it is not newer than the last one applied.
     *
     * @return whether it was applied
     */
    boolean apply(PeerMessage message, StateChange change) {
        int sender = message.sender().nodeId();
        long epoch = message.senderEpoch();
        String[] ignored = {null};
        applied.compute(change.homeAddress(), (home, last) -> {
            if (last != null && change.term() < last.term()) {
                ignored[0] = "stale-term-ignored";
                return last;
            }
            if (last != null && last.term() == change.term() && last.sender() == sender && last.epoch() == epoch
                    && change.sequence() <= last.sequence()) {
                ignored[0] = "replication-stale";
                return last;
            }
            int removed = install(home, change.bindings(), change.removal().orElse(RemovalReason.REPLACED),
                    ChangeOrigin.REPLICATED);
            Instant now = clock.instant();
            boolean delete = change.bindings().isEmpty();
            if (delete && removed == 0) {
                counters.increment("tombstones-unknown-home");
            }
            return new Applied(change.term(), sender, epoch, change.sequence(), delete ? now : null,
                    order.incrementAndGet());
        });
        counters.increment(ignored[0] == null ? "replication-applied" : ignored[0]);
        return ignored[0] == null;
    }

    /**
     * Makes {@code bindings} the whole state of {@code home} here; bindings whose lifetime ran out on
     * the way are left out.
     *
     * @return how many bindings it removed
     */
    private int install(Inet4Address home, List<Binding> bindings, RemovalReason reason, ChangeOrigin origin) {
        Instant now = clock.instant();
        List<Binding> live = bindings.stream().filter(b -> !b.isExpiredAt(now)).toList();
        if (live.isEmpty()) {
            return store.removeAll(home, reason, origin).size();
        }
        // Without the S flag a registration replaces the home address's other bindings (RFC 5944
        // §3.6.1.2): the first one clears what the state no longer holds, the others join it.
        int removed = store.register(live.get(0), false, origin).replaced().size();
        for (Binding more : live.subList(1, live.size())) {
            store.register(more, true, origin);
        }
        return removed;
    }

    /** Where a learn import starts: changes applied after this are newer than the learned table. */
    long mark() {
        return order.get();
    }

    /**
     * Makes the learned table this member's table (issue 11, learn state), home address by home
     * address, except where a change of the group arrived since {@code mark}: that one is newer. A
     * home address held here that the table does not hold loses its bindings. Each imported home
     * address remembers {@code source} as its last change, so that a late change of an older term,
     * or of the responder's own sequence up to the table, cannot overwrite it.
     */
    LearnImport importLearned(Map<Inet4Address, List<Binding>> table, long mark, LearnedFrom source) {
        long[] counts = new long[3]; // applied, kept newer, removed
        for (Map.Entry<Inet4Address, List<Binding>> entry : table.entrySet()) {
            // inside the home address's entry, as apply() is: a change arriving now waits, then wins
            applied.compute(entry.getKey(), (home, last) -> {
                if (last != null && last.order() > mark) {
                    counts[1]++;
                    return last;
                }
                install(home, entry.getValue(), RemovalReason.REPLACED, ChangeOrigin.DOWNLOADED);
                counts[0] += entry.getValue().size();
                // ordered at the mark: not newer than a later learn's table
                return new Applied(source.term(), source.sender(), source.epoch(), source.sequence(), null, mark);
            });
        }
        Set<Inet4Address> heldHere = new HashSet<>();
        store.forEachBinding(b -> heldHere.add(b.homeAddress()));
        heldHere.removeAll(table.keySet());
        for (Inet4Address stale : heldHere) {
            applied.compute(stale, (home, last) -> {
                if (last == null || last.order() <= mark) {
                    counts[2] += store.removeAll(home, RemovalReason.REPLACED, ChangeOrigin.DOWNLOADED).size();
                }
                return last;
            });
        }
        return new LearnImport(counts[0], counts[1], counts[2]);
    }

    /** What a learn import did: bindings applied, home addresses kept for a newer change, bindings removed. */
    record LearnImport(long applied, long keptNewer, long removed) {
    }

    /** Drops the tombstones older than their life; returns how many. */
    int purgeTombstones() {
        Instant before = clock.instant().minus(tombstoneLife);
        int[] purged = {0};
        applied.entrySet().removeIf(e -> {
            Instant deleted = e.getValue().deletedAt();
            boolean old = deleted != null && !deleted.isAfter(before);
            purged[0] += old ? 1 : 0;
            return old;
        });
        counters.add("tombstones-purged", purged[0]);
        return purged[0];
    }

    /** Tombstones held now. */
    long tombstones() {
        return applied.values().stream().filter(a -> a.deletedAt() != null).count();
    }
}
