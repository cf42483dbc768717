package net.homeagent.store;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingBackupStatus;
import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.BindingListener;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.ChangeOrigin;
import net.homeagent.mip.api.RemovalReason;

/**
 * The mobility binding table of RFC 5944 §3.8.3, in memory.
 * <ul>
 * <li>Table: {@link PackedBindingTable}, rows of primitives in lock-striped {@link TableSegment}s
 * ({@link BindingRow}: 48 bytes a binding, no object); {@link Binding} objects are made only when
 * someone reads (find, list, events, the backup record). A change of one home address runs under its
 * segment's re-entrant lock, and so do the listener calls for it, which keeps its events in order.
 * Readers ({@link #find}, {@link #list}, {@link #size}) take no lock: they copy under an optimistic
 * stamp and never see half a change.</li>
 * <li>Expiry: an {@link ExpiryWheel} of packed keys, advanced by {@link #expireDue} (every
 * {@code expiryTickMillis} by the {@link ExpiryTicker} when run as a component). A renewal only
 * appends its new second; the old entry is recognised as stale when its second comes.</li>
 * <li>Infinite lifetime (RFC 5944 §3.3: all ones) never expires and is not put in the wheel: a
 * binding granted 0xffff s, or whose {@code expiresAt} is at or after {@link #NEVER}
 * ({@code Instant.MAX} and the like).</li>
 * </ul>
 * Memory per binding (64-bit JVM, compressed oops): the 48-byte row plus the growth slack of its
 * segment's array (up to half), about 11 bytes of home-address index per home address, 8 to 12 for
 * the wheel entry (another 8 per renewal until its old second passes), and, for a binding with a
 * NAI, its string and an entry in the NAI index. Measured figures: docs/PERFORMANCE.md.
 * <p>
 * Durable backup ({@link BindingBackup}, docs/storage.md): every change is queued to the backup
 * writer under the home address's lock, in change order; {@link #sync()} completes when it is on
 * disk. At activation the backup is read back: expired bindings are dropped, the others restored
 * with their original {@code expiresAt} (so only the remaining lifetime is left) and announced to
 * the listeners as ADDED, which programs the data plane. As this bundle owns the table, updating
 * any other bundle keeps every binding in memory; updating this one reloads them from the backup.
 */
@Component(service = {BindingStore.class, BindingBackupStatus.class}, configurationPid = DurableBindingStore.PID,
        // immediate: a delayed component is disposed when its last user goes, and the table with it
        immediate = true)
@Designate(ocd = BindingStoreConfig.class)
public final class DurableBindingStore implements BindingStore, BindingBackupStatus {

    static final String PID = "net.homeagent.store";

    /** An {@code expiresAt} at or after this never comes: it is past what epoch milliseconds can express. */
    static final Instant NEVER = Instant.ofEpochMilli(Long.MAX_VALUE);

    /** RFC 5944 §3.3: a lifetime of all ones indicates infinity. */
    static final int INFINITE_LIFETIME = 0xffff;

    private static final Logger LOG = LoggerFactory.getLogger(DurableBindingStore.class);
    /** How long a snapshot export or import waits for the backup to catch up. */
    private static final long SNAPSHOT_SYNC_TIMEOUT_SECONDS = 120;
    /*
     * A completed future rather than completedStage(): the home agent asks every reply's stage
     * toCompletableFuture() to see whether it may send at once, which a minimal stage answers with
     * a new future each time; this one is returned as it is (it is complete, so no caller can
     * complete it again).
     */
    private static final CompletionStage<Void> NOTHING_TO_WAIT_FOR = CompletableFuture.completedFuture(null);

    private final Clock clock;
    private final PackedBindingTable table = new PackedBindingTable();
    private final ExpiryWheel wheel;
    private final BindingListeners listeners;
    private final ExpiryTicker ticker;
    private final LongAdder expired = new LongAdder();
    private final BackupSettings backupSettings;
    private final Optional<BindingJournal> backup;
    private volatile RestoreCounts lastRestore = RestoreCounts.NONE;

    @Activate
    public DurableBindingStore(BindingStoreConfig config) {
        this(Clock.systemUTC(), config);
    }

    /** A store whose expiry runs by itself every {@code config.expiryTickMillis()}, with the configured backup. */
    DurableBindingStore(Clock clock, BindingStoreConfig config) {
        this(clock, BackupSettings.of(config));
        startTicking(config);
    }

    /** A store whose expiry runs only when {@link #expireDue} is called, without a backup. */
    public DurableBindingStore(Clock clock) {
        this(clock, new BackupSettings(false, Path.of(BindingStoreConfig.DEFAULT_BACKUP_DIRECTORY)), Optional.empty());
    }

    /** A store whose expiry runs only when {@link #expireDue} is called, backed up in {@code backup}. */
    DurableBindingStore(Clock clock, BindingJournal backup) {
        this(clock, new BackupSettings(true, Path.of(backup.location())), Optional.of(backup));
    }

    private DurableBindingStore(Clock clock, BackupSettings settings) {
        this(clock, settings, settings.enabled() ? openBackup(settings, clock) : Optional.empty());
        if (settings.enabled() && backup.isEmpty()) {
            lastRestore = new RestoreCounts(0, 0, 0, Optional.of("backup " + settings.location()
                    + " could not be opened; bindings are kept in memory only (see the log)"));
        }
    }

    private DurableBindingStore(Clock clock, BackupSettings settings, Optional<BindingJournal> backup) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.wheel = new ExpiryWheel(clock.instant().getEpochSecond());
        this.listeners = new BindingListeners(clock);
        this.ticker = new ExpiryTicker(this::expireDue, clock);
        this.backupSettings = settings;
        this.backup = backup;
    }

    /**
     * Restores the backup once the listeners present are bound (DS binds references after the
     * constructor and before this), so that each restored binding reaches them as ADDED; then
     * starts writing changes to disk.
     */
    @Activate
    void restoreFromBackup() {
        backup.ifPresent(b -> {
            lastRestore = restore(b);
            b.start();
        });
    }

    /** A new tick period takes effect without losing a binding (without @Modified DS would re-create us). */
    @Modified
    void modified(BindingStoreConfig config) {
        startTicking(config);
        if (!BackupSettings.of(config).equals(backupSettings)) {
            LOG.warn("Binding backup settings changed to {}; they take effect when the binding store restarts "
                    + "(bundle:restart), still using {}", BackupSettings.of(config), backupSettings);
        }
    }

    @Deactivate
    void deactivate() {
        ticker.stop();
        backup.ifPresent(BindingJournal::close);
        LOG.info("Binding store stopped with {} bindings", size());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeListener")
    /** Public for the benchmarks (tools/benchmarks), which run the store outside a container. */
    public void addListener(BindingListener listener) {
        listeners.add(listener);
    }

    void removeListener(BindingListener listener) {
        listeners.remove(listener);
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
        int home = Ipv4.bits(binding.homeAddress());
        int careOf = Ipv4.bits(binding.careOfAddress());
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

    /**
     * A change from {@code origin} is written to the backup and told to the listeners, except one
     * {@link ChangeOrigin#RESTORED} from the backup, which is neither (the listeners hear of it
     * when the restore ends).
     */
    private RegisterOutcome apply(Binding binding, boolean simultaneous, ChangeOrigin origin) {
        boolean local = origin != ChangeOrigin.RESTORED;
        requireComplete(binding);
        BindingRow.requireFits(binding);
        Inet4Address homeAddress = binding.homeAddress();
        int home = Ipv4.bits(homeAddress);
        int careOf = Ipv4.bits(binding.careOfAddress());
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
            if (local) {
                // without S the new binding is the node's only one; with it, the others stay
                backUp(segment, home, simultaneous ? null : List.of(binding));
            }
            if (local && listeners.any()) {
                replaced.forEach(r -> listeners.deliver(BindingEvent.removed(r, RemovalReason.REPLACED, origin)));
                listeners.deliver(renewed.isPresent() ? BindingEvent.renewed(binding, renewed.get(), origin)
                        : BindingEvent.added(binding, origin));
            }
            return new RegisterOutcome(binding, renewed, replaced);
        } finally {
            segment.changes.unlock();
        }
    }

    @Override
    public Optional<Binding> remove(Inet4Address homeAddress, Inet4Address careOfAddress, RemovalReason reason,
            ChangeOrigin origin) {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(homeAddress, "homeAddress");
        Objects.requireNonNull(careOfAddress, "careOfAddress");
        Objects.requireNonNull(reason, "reason");
        int home = Ipv4.bits(homeAddress);
        TableSegment segment = table.segmentOf(home);
        segment.changes.lock();
        try {
            int row = segment.rowOf(home, Ipv4.bits(careOfAddress));
            if (row < 0) {
                return Optional.empty();
            }
            Binding removed = table.binding(segment, row, homeAddress);
            removeRow(segment, home, row, removed, reason, origin);
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
        int home = Ipv4.bits(homeAddress);
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
            backUp(segment, home, List.of());
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
                removed += removeAll(Ipv4.fromBits(home), reason).size();
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
            for (Binding b : table.find(Ipv4.fromBits(home))) {
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

    @Override
    public int size() {
        return table.size();
    }

    @Override
    public CompletionStage<Void> sync() {
        return backup.map(b -> b.writer().sync()).orElse(NOTHING_TO_WAIT_FOR);
    }

    @Override
    public boolean enabled() {
        return backup.isPresent();
    }

    @Override
    public Path location() {
        return backupSettings.location();
    }

    @Override
    public long sizeBytes() {
        return backup.map(BindingJournal::sizeBytes).orElse(0L);
    }

    @Override
    public Optional<Instant> lastSync() {
        return backup.flatMap(b -> b.writer().lastSync());
    }

    @Override
    public RestoreCounts lastRestore() {
        return lastRestore;
    }

    @Override
    public long writeFailures() {
        return backup.map(BindingJournal::failures).orElse(0L);
    }

    @Override
    public Optional<String> lastWriteFailure() {
        return backup.flatMap(BindingJournal::lastFailure);
    }

    @Override
    public long checkpoints() {
        return backup.map(BindingJournal::checkpoints).orElse(0L);
    }

    @Override
    public long changesWritten() {
        return backup.map(b -> b.writer().changesWritten()).orElse(0L);
    }

    @Override
    public long syncs() {
        return backup.map(b -> b.writer().syncs()).orElse(0L);
    }

    /**
     * The table, consistent per home address, after every earlier change reached the backup (with
     * one): what the snapshot holds is then also on disk.
     */
    @Override
    public long exportSnapshot(Path file) throws IOException {
        if (backup.isPresent()) {
            await(sync(), "export");
        }
        List<SnapshotFile.Entry> entries = new ArrayList<>();
        list(b -> true).forEach(b -> entries.add(new SnapshotFile.Entry(BindingRecord.keyOf(b), BindingRecord.encode(b))));
        long written = SnapshotFile.write(file, entries);
        LOG.info("Exported a snapshot of {} bindings to {}", written, file);
        return written;
    }

    @Override
    public RestoreCounts importSnapshot(Path file) throws IOException {
        List<SnapshotFile.Entry> entries = SnapshotFile.read(file);
        Instant now = clock.instant();
        long restored = 0;
        long dropped = 0;
        long failed = 0;
        for (SnapshotFile.Entry entry : entries) {
            try {
                Binding binding = BindingRecord.decode(entry.key(), entry.record());
                if (binding.isExpiredAt(now)) {
                    dropped++;
                } else {
                    register(binding, true, ChangeOrigin.IMPORTED);
                    restored++;
                }
            } catch (IllegalArgumentException unreadable) {
                failed++;
            }
        }
        await(sync(), "import");
        RestoreCounts counts = new RestoreCounts(restored, dropped, failed, failed == 0 ? Optional.empty()
                : Optional.of(failed + " records of " + file + " could not be read"));
        LOG.info("Imported {} bindings from {} ({} expired, {} unreadable)", restored, file, dropped, failed);
        return counts;
    }

    /**
     * Removes (reason EXPIRED, RFC 5944 §3.8.3) every binding whose {@code expiresAt} is at or before
     * the clock's now. Looks only at the wheel slots of the seconds passed since the last call.
     *
     * @return how many bindings expired
     */
    public int expireDue() {
        Instant now = clock.instant();
        return wheel.advanceTo(now.getEpochSecond(), (key, slotSecond) -> expireIfDue(key, slotSecond, now));
    }

    /** Bindings removed by expiry since the start. */
    public long expiredCount() {
        return expired.sum();
    }

    /** Times a listener threw since the start. */
    public long listenerFailureCount() {
        return listeners.failures();
    }

    /** Expiry wheel entries, stale ones (left by renewals and removals) included. */
    long scheduledExpiryEntries() {
        return wheel.entries();
    }

    int indexedNaiCount() {
        return table.indexedNaiCount();
    }

    Optional<Duration> expiryTick() {
        return ticker.period();
    }

    static boolean neverExpires(Binding binding) {
        return binding.grantedLifetime() == INFINITE_LIFETIME || !binding.expiresAt().isBefore(NEVER);
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

    /**
     * Removes one row (the caller holds the segment's {@code changes}), queues the removal for the
     * backup, then tells the listeners; {@code removed} may be null only when there is no listener.
     */
    private void removeRow(TableSegment segment, int home, int row, Binding removed, RemovalReason reason,
            ChangeOrigin origin) {
        long key = (long) home << 32 | segment.rows()[row * BindingRow.STRIDE + BindingRow.CARE_OF] & 0xffff_ffffL;
        dropRows(segment, home, 1, s -> s.remove(row));
        backUp(segment, home, null);
        if (removed != null) {
            listeners.deliver(BindingEvent.removed(removed, reason, origin));
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
     * Puts the backup's bindings back, quietly: the journal's changes are replayed into the table
     * with neither backup nor listeners involved. Then, one home address at a time under its lock,
     * expired bindings are dropped (and their removal written), and the others are announced to the
     * listeners as ADDED, which programs the data plane; they keep their {@code expiresAt}, so they
     * live out only their remaining lifetime. The time reported covers reading the files.
     */
    private RestoreCounts restore(BindingJournal from) {
        long started = System.nanoTime();
        JournalRestore.Outcome outcome;
        try {
            outcome = from.restore(this::replayHome, table::forEachHome);
        } catch (IOException | RuntimeException e) {
            LOG.error("Binding backup {} could not be read; the bindings read so far are kept in memory, and changes "
                    + "are not backed up until the binding store restarts: {}", from.location(), e.toString(), e);
            return new RestoreCounts(table.size(), 0, 0, Optional.of("backup " + from.location() + " could not be read: "
                    + e + "; changes are not backed up until the binding store restarts"));
        }
        long replayed = System.nanoTime();
        long[] restoredAndDropped = announceRestored(from);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        LOG.info("Restored {} bindings from {} in {} ms (reading and replaying the journal {} ms, announcing them {} ms); "
                + "dropped {} expired, {} failed", restoredAndDropped[0], from.location(), millis,
                TimeUnit.NANOSECONDS.toMillis(replayed - started), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - replayed),
                restoredAndDropped[1], outcome.failed());
        return new RestoreCounts(restoredAndDropped[0], restoredAndDropped[1], outcome.failed(), outcome.problem());
    }

    /**
     * Puts {@code home} in the state the journal holds: its bindings now are replaced by {@code stored}.
     *
     * @return the records this release cannot read (not restored)
     */
    private int replayHome(int home, List<JournalFormat.StoredBinding> stored) {
        TableSegment segment = table.segmentOf(home);
        segment.changes.lock();
        try {
            if (segment.first(home) >= 0) { // most home addresses appear once in a restore: no lookup for them
                for (Binding held : table.find(Ipv4.fromBits(home))) {
                    forget(BindingRecord.keyOf(held));
                }
            }
            int unreadable = 0;
            for (JournalFormat.StoredBinding binding : stored) {
                long key = (long) home << 32 | binding.careOf() & 0xffff_ffffL;
                try {
                    // Every stored binding was held at the same time as the others: none replaces another.
                    apply(BindingRecord.decode(key, binding.record()), true, ChangeOrigin.RESTORED);
                } catch (IllegalArgumentException e) {
                    unreadable++; // JournalRestore counts and reports it
                }
            }
            return unreadable;
        } finally {
            segment.changes.unlock();
        }
    }

    /** Drops the expired restored bindings and announces the others; returns {restored, dropped}. */
    private long[] announceRestored(BindingJournal from) {
        Instant now = clock.instant();
        long[] counts = new long[2];
        for (int[] homes : table.homesBySegment()) {
            for (int home : homes) {
                TableSegment segment = table.segmentOf(home);
                segment.changes.lock();
                try {
                    long droppedBefore = counts[1];
                    for (Binding binding : table.find(Ipv4.fromBits(home))) {
                        if (binding.isExpiredAt(now)) {
                            forget(BindingRecord.keyOf(binding));
                            counts[1]++;
                        } else {
                            counts[0]++;
                            if (listeners.any()) {
                                listeners.deliver(BindingEvent.added(binding, ChangeOrigin.RESTORED));
                            }
                        }
                    }
                    if (counts[1] > droppedBefore) {
                        backUp(segment, home, null);
                    }
                } finally {
                    segment.changes.unlock();
                }
            }
        }
        return counts;
    }

    /**
     * Queues the state of {@code home} for the backup (the caller holds its segment's
     * {@code changes}): {@code bindings} if the caller knows them, else read from the rows.
     */
    private void backUp(TableSegment segment, int home, List<Binding> bindings) {
        if (backup.isEmpty()) {
            return;
        }
        List<Binding> now = bindings;
        if (now == null) {
            now = new ArrayList<>(2);
            for (int row = segment.first(home); row >= 0; row = segment.next(row)) {
                now.add(table.binding(segment, row, null));
            }
        }
        backup.get().writer().home(home, now);
    }

    /** Removes the binding of {@code key} from the table only: no backup, no listener (a replayed removal). */
    private void forget(long key) {
        int home = (int) (key >>> 32);
        TableSegment segment = table.segmentOf(home);
        segment.changes.lock();
        try {
            int row = segment.rowOf(home, (int) key);
            if (row >= 0) {
                dropRows(segment, home, 1, s -> s.remove(row));
            }
        } finally {
            segment.changes.unlock();
        }
    }

    private static Optional<BindingJournal> openBackup(BackupSettings settings, Clock clock) {
        try {
            return Optional.of(BindingJournal.open(settings.location(), clock));
        } catch (IOException | RuntimeException e) {
            LOG.error("Binding backup {} cannot be used; bindings are kept in memory only and will not survive a "
                    + "restart: {}", settings.location(), e.toString(), e);
            return Optional.empty();
        }
    }

    private static void await(CompletionStage<Void> durable, String what) throws IOException {
        try {
            durable.toCompletableFuture().get(SNAPSHOT_SYNC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("snapshot " + what + ": the backup could not be written", e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("snapshot " + what + ": the backup did not catch up within "
                    + SNAPSHOT_SYNC_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("snapshot " + what + " interrupted", e);
        }
    }

    private void scheduleExpiry(Binding binding, Optional<Binding> renewed) {
        if (neverExpires(binding)) {
            return;
        }
        long second = binding.expiresAt().getEpochSecond();
        boolean alreadyWaiting = renewed.filter(p -> !neverExpires(p))
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

    private void startTicking(BindingStoreConfig config) {
        Duration tick = tickOf(config);
        ticker.start(tick);
        LOG.info("Binding store expires bindings every {}", tick);
    }

    private static Duration tickOf(BindingStoreConfig config) {
        long millis = config.expiryTickMillis();
        if (millis < 1) {
            LOG.warn("expiryTickMillis {} is not positive; using {}", millis, BindingStoreConfig.DEFAULT_EXPIRY_TICK_MILLIS);
            millis = BindingStoreConfig.DEFAULT_EXPIRY_TICK_MILLIS;
        }
        return Duration.ofMillis(millis);
    }
}
