package net.homeagent.store;

import java.net.Inet4Address;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.ChangeOrigin;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.support.Futures;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * The operations of the mobility binding table (RFC 5944 §3.8.3): register, remove, find, list and
 * expire over the {@link PackedBindingTable}. A change of one home address runs under its segment's
 * re-entrant lock, and so do the journal hand-off and the listener calls for it, which keeps its
 * journal entries and events in change order. Readers ({@link #find}, {@link #list}, {@link #size})
 * take no lock: they copy under an optimistic stamp and never see half a change.
 * <ul>
 * <li>Journal: every change queues the home address's whole state to the {@link BindingJournal}'s
 * writer, if there is one; {@link #sync()} completes when it is on disk.</li>
 * <li>Expiry: an {@link ExpiryWheel} of packed keys, advanced by {@link #expireDue}. A renewal only
 * appends its new second; the old entry is recognised as stale when its second comes. A binding that
 * never expires ({@link Lifetimes}) is not put in the wheel.</li>
 * </ul>
 * Memory per binding (64-bit JVM, compressed oops): the 48-byte row plus the growth slack of its
 * segment's array (up to half), about 11 bytes of home-address index per home address, 8 to 12 for
 * the wheel entry (another 8 per renewal until its old second passes), and, for a binding with a
 * NAI, its string and an entry in the NAI index. Measured figures: docs/PERFORMANCE.md.
 */
final class JournaledBindingTable implements BindingStore {

    private final Clock clock;
    private final PackedBindingTable table = new PackedBindingTable();
    private final ExpiryWheel wheel;
    private final BindingListeners listeners;
    private final Optional<BindingJournal> journal;
    private final LongAdder expired = new LongAdder();
    /** The imports running; almost always none, and then a change pays one empty iteration. */
    private final List<ChangeWatch> watches = new CopyOnWriteArrayList<>();

    JournaledBindingTable(Clock clock, BindingListeners listeners, Optional<BindingJournal> journal) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.wheel = new ExpiryWheel(clock.instant().getEpochSecond());
        this.listeners = listeners;
        this.journal = journal;
    }

    /** {@link ChangeOrigin#RESTORED} is the store's own: it reads its backup back quietly, then announces it. */
    @Override
    public RegisterOutcome register(Binding binding, boolean simultaneous, ChangeOrigin origin) {
        if (Objects.requireNonNull(origin, "origin") == ChangeOrigin.RESTORED) {
            throw new IllegalArgumentException("only the store restores its own backup");
        }
        return apply(binding, simultaneous, origin);
    }

    /** The count of the others and the registration under the home address's lock, which register takes again. */
    @Override
    public Optional<RegisterOutcome> registerSimultaneous(Binding binding, int maxBindings) {
        requireComplete(binding);
        int home = Ipv4.toInt(binding.homeAddress());
        int careOf = Ipv4.toInt(binding.careOfAddress());
        TableSegment segment = table.segmentOf(home);
        segment.changes.lock();
        try {
            int others = 0;
            for (int row = segment.first(home); row >= 0; row = segment.next(row)) {
                if (segment.rows()[row * BindingRow.STRIDE + BindingRow.CARE_OF] != careOf) {
                    others++;
                }
            }
            return others >= maxBindings ? Optional.empty() : Optional.of(register(binding, true, ChangeOrigin.LOCAL));
        } finally {
            segment.changes.unlock();
        }
    }

    /** A change from {@code origin} is journaled and told to the listeners. */
    private RegisterOutcome apply(Binding binding, boolean simultaneous, ChangeOrigin origin) {
        requireComplete(binding);
        BindingRow.requireFits(binding);
        Inet4Address homeAddress = binding.homeAddress();
        int home = Ipv4.toInt(homeAddress);
        int careOf = Ipv4.toInt(binding.careOfAddress());
        TableSegment segment = table.segmentOf(home);
        segment.changes.lock();
        try {
            int held = segment.rowOf(home, careOf);
            Optional<Binding> renewed = held < 0 ? Optional.empty()
                    : Optional.of(table.binding(segment, held, homeAddress));
            // RFC 5944 §3.6.1.2: without the S bit the new binding replaces all the node's others.
            List<Binding> replaced = simultaneous ? List.of() : others(segment, home, careOf, homeAddress);
            Collection<String> naiBefore = table.naiKeys(segment, home);
            long stamp = segment.beginWrite();
            try {
                if (!replaced.isEmpty()) {
                    removeOthers(segment, home, careOf);
                }
                segment.put(home, careOf, binding);
            } finally {
                segment.endWrite(stamp);
            }
            table.counted((held < 0 ? 1 : 0) - replaced.size());
            table.naiChanged(home, naiBefore, table.naiKeys(segment, home));
            scheduleExpiry(binding, renewed);
            noteChanged(home);
            // without S the new binding is the node's only one; with it, the others stay
            journal(segment, home, simultaneous ? null : List.of(binding));
            if (listeners.any()) {
                replaced.forEach(r -> listeners.deliver(BindingEvent.removed(r, RemovalReason.REPLACED, origin)));
                listeners.deliver(renewed.isPresent() ? BindingEvent.renewed(binding, renewed.get(), origin)
                        : BindingEvent.added(binding, origin));
            }
            return new RegisterOutcome(binding, renewed, replaced);
        } finally {
            segment.changes.unlock();
        }
    }

    /**
     * Puts {@code home} in the state {@code next} makes of its bindings now (all of one home address,
     * at distinct care-of addresses), in one write window and one journal entry, so that neither a
     * reader nor a restore after a crash sees it half way. {@link ChangeOrigin#RESTORED} is quiet: the
     * journal's own state going back into the table, neither journaled nor told. Any other origin is
     * journaled, and the listeners hear of each binding that goes (REPLACED), is renewed or is added.
     * Nothing is done if {@code unless} saw a change of {@code home} (null: no watch).
     *
     * @return the bindings {@code home} held before, or empty if {@code unless} kept it as it was
     */
    Optional<List<Binding>> replaceHome(int home, UnaryOperator<List<Binding>> next, ChangeOrigin origin,
            ChangeWatch unless) {
        boolean quiet = origin == ChangeOrigin.RESTORED;
        Inet4Address homeAddress = Ipv4.of(home);
        TableSegment segment = table.segmentOf(home);
        segment.changes.lock();
        try {
            if (unless != null && unless.hasChanged(home)) {
                return Optional.empty();
            }
            List<Binding> before = segment.first(home) < 0 ? List.of() : table.find(homeAddress);
            List<Binding> bindings = next.apply(before);
            bindings.forEach(b -> {
                requireComplete(b);
                BindingRow.requireFits(b);
            });
            Collection<String> naiBefore = table.naiKeys(segment, home);
            long stamp = segment.beginWrite();
            try {
                segment.removeAll(home);
                bindings.forEach(b -> segment.put(home, Ipv4.toInt(b.careOfAddress()), b));
            } finally {
                segment.endWrite(stamp);
            }
            table.counted(bindings.size() - before.size());
            table.naiChanged(home, naiBefore, table.naiKeys(segment, home));
            for (Binding b : bindings) {
                scheduleExpiry(b, sameKey(before, b));
            }
            if (!quiet) {
                noteChanged(home, unless); // another import running meanwhile must not write over this one
                announceReplaced(segment, home, before, bindings, origin);
            }
            return Optional.of(before);
        } finally {
            segment.changes.unlock();
        }
    }

    private void announceReplaced(TableSegment segment, int home, List<Binding> before, List<Binding> after,
            ChangeOrigin origin) {
        journal(segment, home, after);
        if (listeners.any()) {
            before.stream().filter(old -> sameKey(after, old).isEmpty())
                    .forEach(old -> listeners.deliver(BindingEvent.removed(old, RemovalReason.REPLACED, origin)));
            for (Binding b : after) {
                Optional<Binding> old = sameKey(before, b);
                listeners.deliver(old.isPresent() ? BindingEvent.renewed(b, old.get(), origin)
                        : BindingEvent.added(b, origin));
            }
        }
    }

    /** Starts noting the home addresses that registrations and removals change, until {@link #unwatch}. */
    ChangeWatch watchChanges() {
        ChangeWatch watch = new ChangeWatch();
        watches.add(watch);
        return watch;
    }

    void unwatch(ChangeWatch watch) {
        watches.remove(watch);
    }

    /** The caller holds the segment lock of {@code home}. Expiry is not noted: a snapshot may renew what expired. */
    private void noteChanged(int home) {
        noteChanged(home, null);
    }

    /** Notes the change of {@code home} in every watch but {@code own}, the import making it. */
    private void noteChanged(int home, ChangeWatch own) {
        for (ChangeWatch watch : watches) {
            if (watch != own) {
                watch.changed(home);
            }
        }
    }

    @Override
    public Optional<Binding> remove(Inet4Address homeAddress, Inet4Address careOfAddress, RemovalReason reason,
            ChangeOrigin origin) {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(homeAddress, "homeAddress");
        Objects.requireNonNull(careOfAddress, "careOfAddress");
        Objects.requireNonNull(reason, "reason");
        int home = Ipv4.toInt(homeAddress);
        TableSegment segment = table.segmentOf(home);
        segment.changes.lock();
        try {
            int row = segment.rowOf(home, Ipv4.toInt(careOfAddress));
            if (row < 0) {
                return Optional.empty();
            }
            Binding removed = table.binding(segment, row, homeAddress);
            removeRow(segment, home, row, removed, reason, origin);
            noteChanged(home);
            return Optional.of(removed);
        } finally {
            segment.changes.unlock();
        }
    }

    @Override
    public List<Binding> removeAll(Inet4Address homeAddress, RemovalReason reason, ChangeOrigin origin) {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(homeAddress, "homeAddress");
        Objects.requireNonNull(reason, "reason");
        int home = Ipv4.toInt(homeAddress);
        TableSegment segment = table.segmentOf(home);
        segment.changes.lock();
        try {
            List<Binding> removed = new ArrayList<>(2);
            for (int row = segment.first(home); row >= 0; row = segment.next(row)) {
                removed.add(table.binding(segment, row, homeAddress));
            }
            if (removed.isEmpty()) {
                return List.of();
            }
            dropRows(segment, home, removed.size(), s -> s.removeAll(home));
            noteChanged(home);
            journal(segment, home, List.of());
            if (listeners.any()) {
                removed.forEach(r -> listeners.deliver(BindingEvent.removed(r, reason, origin)));
            }
            return Collections.unmodifiableList(removed);
        } finally {
            segment.changes.unlock();
        }
    }

    /** One home address at a time: registrations of other nodes go on meanwhile. */
    @Override
    public int clear(RemovalReason reason) {
        Objects.requireNonNull(reason, "reason");
        int removed = 0;
        for (int[] homes : table.homesBySegment()) {
            for (int home : homes) {
                removed += removeAll(Ipv4.of(home), reason).size();
            }
        }
        return removed;
    }

    @Override
    public List<Binding> find(Inet4Address homeAddress) {
        return table.find(Objects.requireNonNull(homeAddress, "homeAddress"));
    }

    @Override
    public List<Binding> findByNai(String nai) {
        Objects.requireNonNull(nai, "nai");
        List<Binding> found = new ArrayList<>();
        for (int home : table.homesWithNai(nai)) {
            for (Binding b : table.find(Ipv4.of(home))) {
                if (b.nai().filter(nai::equalsIgnoreCase).isPresent()) {
                    found.add(b);
                }
            }
        }
        found.sort(BindingOrder.HOME_THEN_CARE_OF);
        return Collections.unmodifiableList(found);
    }

    /**
     * Each segment of the table (and so each home address's bindings) is taken at one moment; the
     * table as a whole is not frozen, so writers never wait for a listing.
     */
    @Override
    public List<Binding> list(Predicate<Binding> filter) {
        Objects.requireNonNull(filter, "filter");
        List<Binding> matching = new ArrayList<>();
        table.forEach(b -> {
            if (filter.test(b)) {
                matching.add(b);
            }
        });
        matching.sort(BindingOrder.HOME_THEN_CARE_OF);
        return Collections.unmodifiableList(matching);
    }

    /**
     * Hands every binding to {@code visitor} without building a list, one table segment at a
     * time; the same consistency as {@link #list}, in no particular order (the SNMP agent's walk
     * index is built this way).
     */
    @Override
    public void forEachBinding(Consumer<Binding> visitor) {
        table.forEach(Objects.requireNonNull(visitor, "visitor"));
    }

    /** Each home address with all its bindings as of one moment, one table segment at a time (snapshots). */
    void forEachHome(BiConsumer<Integer, List<Binding>> visitor) {
        table.forEachHome(visitor);
    }

    /** The home addresses held now, each table segment's taken at one moment. */
    List<int[]> homesBySegment() {
        return table.homesBySegment();
    }

    @Override
    public int size() {
        return table.size();
    }

    @Override
    public CompletionStage<Void> sync() {
        return journal.map(j -> j.writer().sync()).orElse(Futures.NOTHING_TO_WAIT_FOR);
    }

    /**
     * Removes (reason EXPIRED, RFC 5944 §3.8.3) every binding whose {@code expiresAt} is at or before
     * the clock's now. Looks only at the wheel slots of the seconds passed since the last call.
     *
     * @return how many bindings expired
     */
    int expireDue() {
        Instant now = clock.instant();
        return wheel.advanceTo(now.getEpochSecond(), (key, slotSecond) -> expireIfDue(key, slotSecond, now));
    }

    long expiredCount() {
        return expired.sum();
    }

    long scheduledExpiryEntries() {
        return wheel.entries();
    }

    int indexedNaiCount() {
        return table.indexedNaiCount();
    }

    /**
     * After a quiet restore: one home address at a time under its lock, drops the bindings that
     * expired (and journals their removal) and announces the others to the listeners as ADDED with
     * origin RESTORED, which programs the data plane.
     *
     * @return {restored, dropped}
     */
    long[] announceRestored() {
        Instant now = clock.instant();
        long[] counts = new long[2];
        for (int[] homes : table.homesBySegment()) {
            for (int home : homes) {
                TableSegment segment = table.segmentOf(home);
                segment.changes.lock();
                try {
                    long droppedBefore = counts[1];
                    for (Binding binding : table.find(Ipv4.of(home))) {
                        if (binding.isExpiredAt(now)) {
                            forget(segment, home, Ipv4.toInt(binding.careOfAddress()));
                            counts[1]++;
                        } else {
                            counts[0]++;
                            if (listeners.any()) {
                                listeners.deliver(BindingEvent.added(binding, ChangeOrigin.RESTORED));
                            }
                        }
                    }
                    if (counts[1] > droppedBefore) {
                        journal(segment, home, null);
                    }
                } finally {
                    segment.changes.unlock();
                }
            }
        }
        return counts;
    }

    /** The bindings of {@code home} at other care-of addresses than {@code careOf}, in care-of order. */
    private List<Binding> others(TableSegment segment, int home, int careOf, Inet4Address homeAddress) {
        List<Binding> others = List.of();
        for (int row = segment.first(home); row >= 0; row = segment.next(row)) {
            if (segment.rows()[row * BindingRow.STRIDE + BindingRow.CARE_OF] != careOf) {
                if (others.isEmpty()) {
                    others = new ArrayList<>(2);
                }
                others.add(table.binding(segment, row, homeAddress));
            }
        }
        return others;
    }

    /** Inside a write window: removes the rows of {@code home} at other care-of addresses than {@code careOf}. */
    private static void removeOthers(TableSegment segment, int home, int careOf) {
        int row = segment.first(home);
        while (row >= 0) {
            if (segment.rows()[row * BindingRow.STRIDE + BindingRow.CARE_OF] != careOf) {
                segment.remove(row); // rows move on removal: start again from the first
                row = segment.first(home);
            } else {
                row = segment.next(row);
            }
        }
    }

    private static Optional<Binding> sameKey(List<Binding> bindings, Binding of) {
        return bindings.stream().filter(b -> b.careOfAddress().equals(of.careOfAddress())).findFirst();
    }

    /**
     * Removes one row (the caller holds the segment's {@code changes}), journals the removal, then
     * tells the listeners; {@code removed} may be null only when there is no listener.
     */
    private void removeRow(TableSegment segment, int home, int row, Binding removed, RemovalReason reason,
            ChangeOrigin origin) {
        dropRows(segment, home, 1, s -> s.remove(row));
        journal(segment, home, null);
        if (removed != null) {
            listeners.deliver(BindingEvent.removed(removed, reason, origin));
        }
    }

    /** Removes the binding of {@code home} at {@code careOf} from the table only: no journal, no listener. */
    private void forget(TableSegment segment, int home, int careOf) {
        int row = segment.rowOf(home, careOf);
        if (row >= 0) {
            dropRows(segment, home, 1, s -> s.remove(row));
        }
    }

    /** Removes {@code count} rows of {@code home} in one write window, and follows the count and the NAI index. */
    private void dropRows(TableSegment segment, int home, int count, Consumer<TableSegment> removal) {
        Collection<String> naiBefore = table.naiKeys(segment, home);
        long stamp = segment.beginWrite();
        try {
            removal.accept(segment);
        } finally {
            segment.endWrite(stamp);
        }
        table.counted(-count);
        table.naiChanged(home, naiBefore, table.naiKeys(segment, home));
    }

    /**
     * Queues the state of {@code home} for the journal (the caller holds its segment's
     * {@code changes}): {@code bindings} if the caller knows them, else read from the rows.
     */
    private void journal(TableSegment segment, int home, List<Binding> bindings) {
        if (journal.isEmpty()) {
            return;
        }
        List<Binding> now = bindings;
        if (now == null) {
            now = new ArrayList<>(2);
            for (int row = segment.first(home); row >= 0; row = segment.next(row)) {
                now.add(table.binding(segment, row, null));
            }
        }
        journal.get().writer().home(home, now);
    }

    private void scheduleExpiry(Binding binding, Optional<Binding> renewed) {
        if (Lifetimes.neverExpires(binding)) {
            return;
        }
        long second = binding.expiresAt().getEpochSecond();
        boolean alreadyWaiting = renewed.filter(p -> !Lifetimes.neverExpires(p))
                .filter(p -> p.expiresAt().getEpochSecond() == second).isPresent();
        if (!alreadyWaiting) {
            wheel.schedule(BindingRecord.keyOf(binding), second);
        }
    }

    /**
     * Handles one due wheel entry; the binding as it is now decides what the entry means. Reads the
     * row in place: a {@link Binding} is made only for the listeners, if there are any.
     */
    private boolean expireIfDue(long packedKey, long slotSecond, Instant now) {
        int home = (int) (packedKey >>> 32);
        TableSegment segment = table.segmentOf(home);
        segment.changes.lock();
        try {
            int row = segment.rowOf(home, (int) packedKey);
            int base = row * BindingRow.STRIDE;
            if (row < 0 || BindingRow.neverExpires(segment.rows(), base, segment.extra(row))) {
                return false; // removed, or renewed with an infinite lifetime: a stale entry
            }
            if (BindingRow.isExpiredAt(segment.rows(), base, segment.extra(row), now)) {
                Binding binding = listeners.any() ? table.binding(segment, row, null) : null;
                removeRow(segment, home, row, binding, RemovalReason.EXPIRED, ChangeOrigin.LOCAL);
                expired.increment();
                return true;
            }
            long second = BindingRow.expiresSecond(segment.rows(), base, segment.extra(row));
            if (second <= slotSecond) {
                wheel.schedule(packedKey, second); // due later in the current second: keep it
            } // else a renewal moved it on; its live entry waits at that later second
            return false;
        } finally {
            segment.changes.unlock();
        }
    }

    private static void requireComplete(Binding binding) {
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(binding.homeAddress(), "homeAddress");
        Objects.requireNonNull(binding.careOfAddress(), "careOfAddress");
        Objects.requireNonNull(binding.expiresAt(), "expiresAt");
        Objects.requireNonNull(binding.nai(), "nai");
    }
}
