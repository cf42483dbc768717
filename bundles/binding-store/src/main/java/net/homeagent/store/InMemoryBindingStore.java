package net.homeagent.store;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import net.homeagent.mip.api.RemovalReason;

/**
 * The mobility binding table of RFC 5944 §3.8.3, in memory.
 * <ul>
 * <li>Table: {@link BindingTable}, a {@code ConcurrentHashMap} from home address to an immutable
 * {@link NodeBindings}; a change of one home address runs under that address's stripe of
 * {@link HomeAddressLocks}, and so do the listener calls for it, which keeps its events in order.
 * Readers ({@link #find}, {@link #list}, {@link #size}) take no lock.</li>
 * <li>Expiry: an {@link ExpiryWheel} of packed keys, advanced by {@link #expireDue} (every
 * {@code expiryTickMillis} by the {@link ExpiryTicker} when run as a component). A renewal only
 * appends its new second; the old entry is recognised as stale when its second comes.</li>
 * <li>Infinite lifetime (RFC 5944 §3.3: all ones) never expires and is not put in the wheel: a
 * binding granted 0xffff s, or whose {@code expiresAt} is at or after {@link #NEVER}
 * ({@code Instant.MAX} and the like).</li>
 * </ul>
 * Memory per binding held here, beyond the caller's {@link Binding} (64-bit JVM, compressed oops):
 * about 32 bytes of hash map node plus ~8 of table slot per home address, 36 for its
 * {@link NodeBindings} (20 + 4 per further care-of address), 8 to 12 for the wheel entry
 * (another 8 per renewal until its old second passes), and, for a binding with a NAI, about
 * 60 per NAI in the index. Measured with one million bindings, one per home address: 93 bytes each,
 * 159 with a NAI.
 * <p>
 * Durable backup ({@link BindingBackup}, docs/storage.md): every change is queued to the backup
 * writer under the home address's lock, in change order; {@link #sync()} completes when it is on
 * disk. At activation the backup is read back: expired bindings are dropped, the others restored
 * with their original {@code expiresAt} (so only the remaining lifetime is left) and announced to
 * the listeners as ADDED, which programs the data plane. As this bundle owns the table, updating
 * any other bundle keeps every binding in memory; updating this one reloads them from the backup.
 */
@Component(service = {BindingStore.class, BindingBackupStatus.class}, configurationPid = InMemoryBindingStore.PID,
        // immediate: a delayed component is disposed when its last user goes, and the table with it
        immediate = true)
@Designate(ocd = BindingStoreConfig.class)
public final class InMemoryBindingStore implements BindingStore, BindingBackupStatus {

    static final String PID = "net.homeagent.store";

    /** An {@code expiresAt} at or after this never comes: it is past what epoch milliseconds can express. */
    static final Instant NEVER = Instant.ofEpochMilli(Long.MAX_VALUE);

    /** RFC 5944 §3.3: a lifetime of all ones indicates infinity. */
    static final int INFINITE_LIFETIME = 0xffff;

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryBindingStore.class);
    /** How long a snapshot export or import waits for the backup to catch up. */
    private static final long SNAPSHOT_SYNC_TIMEOUT_SECONDS = 120;
    private static final CompletionStage<Void> NOTHING_TO_WAIT_FOR = CompletableFuture.completedStage(null);

    private final Clock clock;
    private final BindingTable table = new BindingTable();
    private final HomeAddressLocks locks = new HomeAddressLocks();
    private final ExpiryWheel wheel;
    private final BindingListeners listeners;
    private final ExpiryTicker ticker;
    private final LongAdder expired = new LongAdder();
    private final BackupSettings backupSettings;
    private final Optional<BindingBackup> backup;
    private volatile RestoreCounts lastRestore = RestoreCounts.NONE;

    @Activate
    public InMemoryBindingStore(BindingStoreConfig config) {
        this(Clock.systemUTC(), config);
    }

    /** A store whose expiry runs by itself every {@code config.expiryTickMillis()}, with the configured backup. */
    InMemoryBindingStore(Clock clock, BindingStoreConfig config) {
        this(clock, BackupSettings.of(config));
        startTicking(config);
    }

    /** A store whose expiry runs only when {@link #expireDue} is called, without a backup. */
    public InMemoryBindingStore(Clock clock) {
        this(clock, new BackupSettings(false, Path.of(BindingStoreConfig.DEFAULT_BACKUP_FILE), 1), Optional.empty());
    }

    /** A store whose expiry runs only when {@link #expireDue} is called, backed up in {@code backup}. */
    InMemoryBindingStore(Clock clock, BindingBackup backup) {
        this(clock, new BackupSettings(true, backup.location(), 1), Optional.of(backup));
    }

    private InMemoryBindingStore(Clock clock, BackupSettings settings) {
        this(clock, settings, settings.enabled() ? openBackup(settings, clock) : Optional.empty());
        if (settings.enabled() && backup.isEmpty()) {
            lastRestore = new RestoreCounts(0, 0, 0, Optional.of("backup " + settings.location()
                    + " could not be opened; bindings are kept in memory only (see the log)"));
        }
    }

    private InMemoryBindingStore(Clock clock, BackupSettings settings, Optional<BindingBackup> backup) {
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
        backup.ifPresent(BindingBackup::close);
        LOG.info("Binding store stopped with {} bindings", size());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeListener")
    void addListener(BindingListener listener) {
        listeners.add(listener);
    }

    void removeListener(BindingListener listener) {
        listeners.remove(listener);
    }

    @Override
    public RegisterOutcome register(Binding binding, boolean simultaneous) {
        return register(binding, simultaneous, true);
    }

    /** {@code durable}: whether the change goes to the backup (not when it comes from it). */
    private RegisterOutcome register(Binding binding, boolean simultaneous, boolean durable) {
        requireComplete(binding);
        Inet4Address home = binding.homeAddress();
        return locks.withLock(home, () -> {
            NodeBindings before = table.get(home);
            Optional<Binding> renewed = before.at(binding.careOfAddress());
            // RFC 5944 §3.6.1.2: without the S bit the new binding replaces all the node's others.
            List<Binding> replaced = simultaneous ? List.of() : before.others(binding.careOfAddress());
            NodeBindings after = simultaneous ? before.with(binding) : NodeBindings.only(binding);

            List<BindingEvent> events = new ArrayList<>(replaced.size() + 1);
            replaced.forEach(r -> events.add(BindingEvent.removed(r, RemovalReason.REPLACED)));
            events.add(renewed.map(p -> BindingEvent.renewed(binding, p)).orElseGet(() -> BindingEvent.added(binding)));
            scheduleExpiry(binding, renewed);
            commit(home, after, events, durable);
            return new RegisterOutcome(binding, renewed, List.copyOf(replaced));
        });
    }

    @Override
    public Optional<Binding> remove(Inet4Address homeAddress, Inet4Address careOfAddress, RemovalReason reason) {
        Objects.requireNonNull(homeAddress, "homeAddress");
        Objects.requireNonNull(careOfAddress, "careOfAddress");
        Objects.requireNonNull(reason, "reason");
        return locks.withLock(homeAddress, () -> {
            NodeBindings before = table.get(homeAddress);
            Optional<Binding> removed = before.at(careOfAddress);
            removed.ifPresent(b -> commit(homeAddress, before.without(careOfAddress),
                    List.of(BindingEvent.removed(b, reason))));
            return removed;
        });
    }

    @Override
    public List<Binding> removeAll(Inet4Address homeAddress, RemovalReason reason) {
        Objects.requireNonNull(homeAddress, "homeAddress");
        Objects.requireNonNull(reason, "reason");
        return locks.withLock(homeAddress, () -> {
            List<Binding> removed = table.get(homeAddress).asList();
            if (!removed.isEmpty()) {
                commit(homeAddress, NodeBindings.NONE, removed.stream().map(b -> BindingEvent.removed(b, reason)).toList());
            }
            return removed;
        });
    }

    /** One home address at a time: registrations of other nodes go on meanwhile. */
    @Override
    public int clear(RemovalReason reason) {
        Objects.requireNonNull(reason, "reason");
        int removed = 0;
        for (Inet4Address home : table.homeAddresses()) {
            removed += removeAll(home, reason).size();
        }
        return removed;
    }

    @Override
    public List<Binding> find(Inet4Address homeAddress) {
        return table.get(Objects.requireNonNull(homeAddress, "homeAddress")).asList();
    }

    @Override
    public List<Binding> findByNai(String nai) {
        Objects.requireNonNull(nai, "nai");
        List<Binding> found = new ArrayList<>();
        for (Inet4Address home : table.homeAddressesWithNai(nai)) {
            for (Binding b : table.get(home).asList()) {
                if (b.nai().filter(nai::equalsIgnoreCase).isPresent()) {
                    found.add(b);
                }
            }
        }
        found.sort(BindingOrder.HOME_THEN_CARE_OF);
        return Collections.unmodifiableList(found);
    }

    /**
     * Each home address's bindings are taken at one moment; the table as a whole is not frozen,
     * so writers never wait for a listing.
     */
    @Override
    public List<Binding> list(Predicate<Binding> filter) {
        Objects.requireNonNull(filter, "filter");
        List<Binding> matching = new ArrayList<>();
        for (NodeBindings node : table.allNodes()) {
            for (Binding b : node.asList()) {
                if (filter.test(b)) {
                    matching.add(b);
                }
            }
        }
        matching.sort(BindingOrder.HOME_THEN_CARE_OF);
        return Collections.unmodifiableList(matching);
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
        return backup.map(BindingBackup::sizeBytes).orElse(0L);
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
        return backup.map(b -> b.writer().writeFailures()).orElse(0L);
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
     * With a backup, the backup as of one moment after every earlier change reached it (one
     * consistent cut of the change stream); without, the table, consistent per home address.
     */
    @Override
    public long exportSnapshot(Path file) throws IOException {
        List<SnapshotFile.Entry> entries = new ArrayList<>();
        if (backup.isPresent()) {
            await(sync(), "export");
            backup.get().snapshot().forEach(entries::add);
        } else {
            list(b -> true).forEach(b -> entries.add(new SnapshotFile.Entry(BindingRecord.keyOf(b), BindingRecord.encode(b))));
        }
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
                    register(binding, true);
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

    private void commit(Inet4Address homeAddress, NodeBindings after, List<BindingEvent> events) {
        commit(homeAddress, after, events, true);
    }

    /**
     * Applies the new state of one home address, queues it for the backup, then tells the
     * listeners; the caller holds its lock, so the backup sees each home address's changes in order.
     */
    private void commit(Inet4Address homeAddress, NodeBindings after, List<BindingEvent> events, boolean durable) {
        table.update(homeAddress, after);
        if (durable && backup.isPresent()) {
            BackupWriter writer = backup.get().writer();
            events.forEach(writer::record);
        }
        events.forEach(listeners::deliver);
    }

    /**
     * Puts the backup's bindings back: expired ones are dropped (and deleted from the backup), the
     * others keep their {@code expiresAt}, so they live out only their remaining lifetime.
     */
    private RestoreCounts restore(BindingBackup from) {
        long started = System.nanoTime();
        BindingBackup.Loaded loaded = from.loaded();
        Instant now = clock.instant();
        long restored = 0;
        long dropped = 0;
        long failed = loaded.failed();
        for (Binding binding : loaded.bindings()) {
            if (binding.isExpiredAt(now)) {
                dropped++;
                from.writer().delete(BindingRecord.keyOf(binding));
                continue;
            }
            try {
                // Every stored binding was held at the same time as the others: none replaces another.
                register(binding, true, false);
                restored++;
            } catch (RuntimeException e) {
                failed++;
                LOG.error("Could not restore the binding of {} care-of {}: {}", binding.homeAddress().getHostAddress(),
                        binding.careOfAddress().getHostAddress(), e.toString());
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        LOG.info("Restored {} bindings from {} in {} ms; dropped {} expired, {} failed", restored, from.location(),
                millis, dropped, failed);
        return new RestoreCounts(restored, dropped, failed, loaded.problem());
    }

    private static Optional<BindingBackup> openBackup(BackupSettings settings, Clock clock) {
        try {
            return Optional.of(BindingBackup.open(settings.location(), settings.maxBatch(), clock));
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
            wheel.schedule(Ipv4.packKey(binding), second);
        }
    }

    /** Handles one due wheel entry; the binding as it is now decides what the entry means. */
    private boolean expireIfDue(long packedKey, long slotSecond, Instant now) {
        Inet4Address home = Ipv4.homeAddressOf(packedKey);
        Inet4Address careOf = Ipv4.careOfAddressOf(packedKey);
        return locks.withLock(home, () -> {
            NodeBindings before = table.get(home);
            Optional<Binding> current = before.at(careOf).filter(b -> !neverExpires(b));
            if (current.isEmpty()) {
                return false; // removed, or renewed with an infinite lifetime: a stale entry
            }
            Binding binding = current.get();
            if (binding.isExpiredAt(now)) {
                commit(home, before.without(careOf), List.of(BindingEvent.removed(binding, RemovalReason.EXPIRED)));
                expired.increment();
                return true;
            }
            long second = binding.expiresAt().getEpochSecond();
            if (second <= slotSecond) {
                wheel.schedule(packedKey, second); // due later in the current second: keep it
            } // else a renewal moved it on; its live entry waits at that later second
            return false;
        });
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
