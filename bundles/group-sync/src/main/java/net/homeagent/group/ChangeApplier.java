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
 * address remembers the last change applied to it (sender, the sender's link epoch, its sequence
 * number) and a change of the same sender and epoch that is not newer is ignored. A delete is
 * remembered the same way, as a tombstone, for {@code tombstoneLife}: a late add of the same sender
 * cannot bring the binding back, and then the tombstone is purged. Changes from another sender (the
 * next active member) or another epoch (the same one restarted) are newer by construction: only one
 * member is active at a time.
 */
final class ChangeApplier {

    /** The last change applied to a home address; {@code deletedAt} set for a tombstone. */
    private record Applied(int sender, long epoch, long sequence, Instant deletedAt, long order) {
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

    /** Applies {@code change} from {@code message}'s sender unless it is not newer than the last one applied. */
    void apply(PeerMessage message, StateChange change) {
        int sender = message.sender().nodeId();
        long epoch = message.senderEpoch();
        boolean[] stale = {false};
        applied.compute(change.homeAddress(), (home, last) -> {
            if (last != null && last.sender() == sender && last.epoch() == epoch && change.sequence() <= last.sequence()) {
                stale[0] = true;
                return last;
            }
            int removed = install(home, change.bindings(), change.removal().orElse(RemovalReason.REPLACED),
                    ChangeOrigin.REPLICATED);
            Instant now = clock.instant();
            boolean delete = change.bindings().isEmpty();
            if (delete && removed == 0) {
                counters.increment("tombstones-unknown-home");
            }
            return new Applied(sender, epoch, change.sequence(), delete ? now : null, order.incrementAndGet());
        });
        counters.increment(stale[0] ? "replication-stale" : "replication-applied");
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
     * home address held here that the table does not hold loses its bindings.
     */
    LearnImport importLearned(Map<Inet4Address, List<Binding>> table, long mark) {
        long[] counts = new long[3]; // applied, kept newer, removed
        for (Map.Entry<Inet4Address, List<Binding>> entry : table.entrySet()) {
            // inside the home address's entry, as apply() is: a change arriving now waits, then wins
            applied.compute(entry.getKey(), (home, last) -> {
                if (last != null && last.order() > mark) {
                    counts[1]++;
                } else {
                    install(home, entry.getValue(), RemovalReason.REPLACED, ChangeOrigin.DOWNLOADED);
                    counts[0] += entry.getValue().size();
                }
                return last;
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
