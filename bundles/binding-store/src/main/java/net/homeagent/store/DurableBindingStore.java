package net.homeagent.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
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
import net.homeagent.mip.api.BindingFilter;
import net.homeagent.mip.api.BindingListener;
import net.homeagent.mip.api.BindingSnapshots;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.ChangeOrigin;
import net.homeagent.mip.api.RemovalReason;

/**
 * The binding store as an OSGi component (PID {@value #PID}): the mobility binding table of RFC 5944
 * §3.8.3 in memory ({@link JournaledBindingTable}), made durable by the {@link BindingJournal} every
 * change goes through, restored from it at activation ({@link JournalRecovery}). This class is the
 * lifecycle only: configuration, the listener whiteboard, start and stop; the services it provides
 * are answered by the parts: the table ({@link BindingStore}), {@link JournalStatus}
 * ({@link BindingBackupStatus}) and {@link TableSnapshots} ({@link BindingSnapshots}).
 * <p>
 * At activation the journal is read back: expired bindings are dropped, the others restored with
 * their original {@code expiresAt} (so only the remaining lifetime is left) and announced to the
 * listeners as ADDED, which programs the data plane. As this bundle owns the table, updating any
 * other bundle keeps every binding in memory; updating this one reloads them from the journal
 * (docs/storage.md).
 */
@Component(service = {BindingStore.class, BindingBackupStatus.class, BindingSnapshots.class}, configurationPid = DurableBindingStore.PID,
        // immediate: a delayed component is disposed when its last user goes, and the table with it
        immediate = true)
@Designate(ocd = BindingStoreConfig.class)
public final class DurableBindingStore implements BindingStore, BindingBackupStatus, BindingSnapshots {

    static final String PID = "net.homeagent.store";

    private static final Logger LOG = LoggerFactory.getLogger(DurableBindingStore.class);

    private final BindingListeners listeners;
    private final JournaledBindingTable table;
    private final ExpiryTicker ticker;
    private final BackupSettings backupSettings;
    private final Optional<BindingJournal> journal;
    private final JournalStatus status;
    private final TableSnapshots snapshots;

    @Activate
    public DurableBindingStore(BindingStoreConfig config) {
        this(Clock.systemUTC(), config);
    }

    /** A store whose expiry runs by itself every {@code config.expiryTickMillis()}, with the configured journal. */
    DurableBindingStore(Clock clock, BindingStoreConfig config) {
        this(clock, BackupSettings.of(config));
        startTicking(config);
    }

    /** A store whose expiry runs only when {@link #expireDue} is called, in memory only (benchmarks, tests). */
    public DurableBindingStore(Clock clock) {
        this(clock, new BackupSettings(false, Path.of(BindingStoreConfig.DEFAULT_BACKUP_DIRECTORY), Duration.ZERO), Optional.empty());
    }

    /** A store whose expiry runs only when {@link #expireDue} is called, journaled in {@code journal}. */
    DurableBindingStore(Clock clock, BindingJournal journal) {
        this(clock, new BackupSettings(true, Path.of(journal.location()), journal.commitDelay()), Optional.of(journal));
    }

    private DurableBindingStore(Clock clock, BackupSettings settings) {
        this(clock, settings, settings.enabled() ? openJournal(settings, clock) : Optional.empty());
    }

    private DurableBindingStore(Clock clock, BackupSettings settings, Optional<BindingJournal> journal) {
        this.listeners = new BindingListeners(clock);
        this.table = new JournaledBindingTable(clock, listeners, journal);
        this.ticker = new ExpiryTicker(table::expireDue, clock);
        this.backupSettings = settings;
        this.journal = journal;
        this.status = new JournalStatus(settings, journal);
        this.snapshots = new TableSnapshots(table, clock);
    }

    /**
     * Restores the journal once the listeners present are bound (DS binds references after the
     * constructor and before this), so that each restored binding reaches them as ADDED; then
     * starts writing changes to disk.
     */
    @Activate
    void restoreFromBackup() {
        journal.ifPresent(j -> {
            status.restored(new JournalRecovery(table).restore(j));
            j.start();
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
        journal.ifPresent(BindingJournal::close);
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

    // BindingStore: the table

    @Override
    public RegisterOutcome register(Binding binding, boolean simultaneous, ChangeOrigin origin) {
        return table.register(binding, simultaneous, origin);
    }

    @Override
    public Optional<RegisterOutcome> registerSimultaneous(Binding binding, int maxBindings) {
        return table.registerSimultaneous(binding, maxBindings);
    }

    @Override
    public Optional<Binding> remove(Inet4Address homeAddress, Inet4Address careOfAddress, RemovalReason reason,
            ChangeOrigin origin) {
        return table.remove(homeAddress, careOfAddress, reason, origin);
    }

    @Override
    public List<Binding> removeAll(Inet4Address homeAddress, RemovalReason reason, ChangeOrigin origin) {
        return table.removeAll(homeAddress, reason, origin);
    }

    @Override
    public int clear(RemovalReason reason) {
        return table.clear(reason);
    }

    @Override
    public List<Binding> find(Inet4Address homeAddress) {
        return table.find(homeAddress);
    }

    @Override
    public List<Binding> findByNai(String nai) {
        return table.findByNai(nai);
    }

    @Override
    public List<Binding> list(Predicate<Binding> filter) {
        return table.list(filter);
    }

    @Override
    public void forEachBinding(Consumer<Binding> visitor) {
        table.forEachBinding(visitor);
    }

    @Override
    public int size() {
        return table.size();
    }

    @Override
    public CompletionStage<Void> sync() {
        return table.sync();
    }

    /**
     * Removes (reason EXPIRED, RFC 5944 §3.8.3) every binding whose {@code expiresAt} is at or before
     * the clock's now; the {@link ExpiryTicker} calls it every {@code expiryTickMillis}.
     *
     * @return how many bindings expired
     */
    public int expireDue() {
        return table.expireDue();
    }

    /** Bindings removed by expiry since the start. */
    public long expiredCount() {
        return table.expiredCount();
    }

    /** Times a listener threw since the start. */
    public long listenerFailureCount() {
        return listeners.failures();
    }

    /** Expiry wheel entries, stale ones (left by renewals and removals) included. */
    long scheduledExpiryEntries() {
        return table.scheduledExpiryEntries();
    }

    int indexedNaiCount() {
        return table.indexedNaiCount();
    }

    Optional<Duration> expiryTick() {
        return ticker.period();
    }

    // BindingBackupStatus: the journal

    @Override
    public boolean enabled() {
        return status.enabled();
    }

    @Override
    public Path location() {
        return status.location();
    }

    @Override
    public long sizeBytes() {
        return status.sizeBytes();
    }

    @Override
    public Optional<Instant> lastSync() {
        return status.lastSync();
    }

    @Override
    public RestoreCounts lastRestore() {
        return status.lastRestore();
    }

    @Override
    public long writeFailures() {
        return status.writeFailures();
    }

    @Override
    public Optional<String> lastWriteFailure() {
        return status.lastWriteFailure();
    }

    @Override
    public long checkpoints() {
        return status.checkpoints();
    }

    @Override
    public long changesWritten() {
        return status.changesWritten();
    }

    @Override
    public long syncs() {
        return status.syncs();
    }

    // BindingSnapshots: the table, or a filter of it, as a stream of records

    @Override
    public long export(BindingFilter filter, OutputStream out) throws IOException {
        return snapshots.export(filter, out);
    }

    @Override
    public long export(BindingFilter filter, Consumer<Binding> consumer) {
        return snapshots.export(filter, consumer);
    }

    @Override
    public ImportResult importFrom(InputStream in, ImportMode mode, ChangeOrigin origin) throws IOException {
        return snapshots.importFrom(in, mode, origin);
    }

    private static Optional<BindingJournal> openJournal(BackupSettings settings, Clock clock) {
        try {
            return Optional.of(BindingJournal.open(settings.location(), clock, CommitDelay.of(settings.commitDelay())));
        } catch (IOException | RuntimeException e) {
            LOG.error("Binding backup {} cannot be used; bindings are kept in memory only and will not survive a "
                    + "restart: {}", settings.location(), e.toString(), e);
            return Optional.empty();
        }
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
