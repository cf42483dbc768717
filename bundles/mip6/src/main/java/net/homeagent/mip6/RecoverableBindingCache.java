package net.homeagent.mip6;

import java.io.IOException;
import java.net.Inet6Address;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.LongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.management.Mip6NodeView.Owner;
import net.homeagent.mip6.Mip6Counters.Counter;
import net.homeagent.mip6.Mip6Counters.Scope;
import net.homeagent.mip6.cache.BindingCache;
import net.homeagent.mip6.cache.BindingCacheJournal;
import net.homeagent.mip6.cache.CacheBackup;
import net.homeagent.mip6.cache.Mip6Binding;
import net.homeagent.mip6.recovery.BindingRecovery;
import net.homeagent.mip6.recovery.RecoveryActions;
import net.homeagent.mip6.recovery.RecoveryProgress;
import net.homeagent.mip6.recovery.RecoverySettings;

/**
 * One role's binding cache with what keeps it across a failure, the same for the home agent and
 * the correspondent node (the design's "binding backup and recovery", docs/mip6.md): its own
 * journal file, read at start (what expired while down is dropped); the restored entries in the
 * cache at once when {@code forwardDuringRecovery}; binding recovery over them (paced Binding
 * Refresh Requests from the role's address, shuffled by care-of prefix, a timer per node; a Binding
 * Update the role accepts validates, silence deletes, RFC 6275 §9.5.5 for a correspondent); the
 * once-a-second expiry; its counters; its recovery's start and end as appliance events
 * ({@link RecoveryAnnouncer}).
 */
final class RecoverableBindingCache implements Mip6RoleView, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecoverableBindingCache.class);

    private final String name;
    private final Owner owner;
    private final Optional<Scope> ownCounters;
    private final BindingCache cache;
    private final BindingCacheJournal journal;
    private final List<Mip6Binding> restored;
    private final Mip6Counters counters = new Mip6Counters();
    private final LongFunction<List<String>> details;
    private volatile BindingRecovery recovery;
    private volatile RecoveryAnnouncer announcer;

    private RecoverableBindingCache(String name, Owner owner, Optional<Scope> ownCounters,
            BindingCacheJournal journal, List<Mip6Binding> restored, LongFunction<List<String>> details) {
        this.name = name;
        this.owner = owner;
        this.ownCounters = ownCounters;
        this.journal = journal;
        this.restored = restored;
        this.details = details;
        this.cache = new BindingCache(journal == null ? CacheBackup.NONE : journal);
    }

    /**
     * Reads the role's backup {@code journalFile} (when {@code backupEnabled}) and puts what it holds
     * in the cache if {@code forwardDuringRecovery} or no recovery is to run.
     *
     * @param details lines about the role's own state for mip6:stats, at a time
     */
    static RecoverableBindingCache open(String name, Owner owner, Optional<Scope> ownCounters, String journalFile,
            Mip6Config config, long nowMillis, LongFunction<List<String>> details) throws IOException {
        if (!config.backupEnabled()) {
            return new RecoverableBindingCache(name, owner, ownCounters, null, List.of(), details);
        }
        Path folder = Path.of(config.backupFolder().replace("${karaf.data}", System.getProperty("karaf.data", "data")));
        BindingCacheJournal.Opened opened = BindingCacheJournal.open(folder, journalFile, nowMillis);
        RecoverableBindingCache role = new RecoverableBindingCache(name, owner, ownCounters, opened.journal(),
                opened.live(), details);
        role.counters.count(Counter.RESTORED, opened.live().size());
        role.counters.count(Counter.RESTORE_EXPIRED, opened.expired());
        LOG.info("{} binding cache backup {}: {} entries restored, {} expired while down, {} damaged octets", name,
                opened.journal().file(), opened.live().size(), opened.expired(), opened.damagedBytes());
        if (config.forwardDuringRecovery() || !config.recoveryEnabled()) {
            role.cache.restore(opened.live());
        }
        return role;
    }

    BindingCache cache() {
        return cache;
    }

    /**
     * Starts binding recovery over the restored entries, if any and {@code recoveryEnabled}: its
     * Binding Refresh Requests leave from {@code refreshSource} through {@code signalling}, driven on
     * {@code timer}; its start and end go to {@code events}.
     */
    void startRecovery(Mip6Config config, RecoverySettings settings, Inet6Address refreshSource,
            Mip6Signalling signalling, ScheduledExecutorService timer, Clock clock, Consumer<ApplianceEvent> events) {
        if (!config.recoveryEnabled() || restored.isEmpty()) {
            return;
        }
        long seed = config.recoverySeed() != 0 ? config.recoverySeed() : new SecureRandom().nextLong();
        LOG.info("{}: binding recovery of {} restored entries, refresh requests from {}", name, restored.size(),
                refreshSource.getHostAddress());
        // the announcer before the recovery: accepted() uses it as soon as it sees the recovery
        RecoveryAnnouncer announce = new RecoveryAnnouncer(owner, name, events, clock);
        announcer = announce;
        BindingRecovery running = BindingRecovery.start(restored, clock.millis(), settings, new RecoveryActions() {
            @Override
            public void sendRefreshRequest(Mip6Binding entry, int attempt) {
                counters.count(Counter.REFRESH_REQUESTS);
                signalling.sendRefreshRequest(entry, refreshSource);
            }

            @Override
            public boolean deleteSilent(Mip6Binding entry) {
                return deleteSilentEntry(entry);
            }
        }, seed);
        recovery = running;
        announce.started(running.progress());
        new RecoveryDriver(running, timer, clock, () -> announce.progressed(running.progress())).start();
    }

    private boolean deleteSilentEntry(Mip6Binding entry) {
        try {
            if (!cache.deleteRestored(entry)) {
                return false;
            }
            counters.count(Counter.DELETED_SILENT);
            LOG.info("{} {}: RESTORED -> DELETED (no answer to binding recovery)", name,
                    entry.homeAddress().getHostAddress());
        } catch (IOException e) {
            // still in the cache: it stays until its lifetime ends, and a restart asks it again
            counters.count(Counter.BACKUP_FAILURES);
            LOG.warn("binding recovery: deleting {} from the {} backup failed, it stays until its lifetime ends: {}",
                    entry.homeAddress().getHostAddress(), name, e.toString());
        }
        return true;
    }

    /** A Binding Update for {@code homeAddress} was accepted: recovery validates its entry. */
    void accepted(Inet6Address homeAddress) {
        BindingRecovery running = recovery;
        if (running != null && running.bindingUpdateAccepted(homeAddress)) {
            counters.count(Counter.VALIDATED);
            announcer.progressed(running.progress());
        }
    }

    /** Drops the entries whose lifetime ran out (RFC 6275 §9.5.2, §10.3.1). */
    void expire(long nowMillis) {
        List<Mip6Binding> expired = cache.expireDue(nowMillis);
        counters.count(Counter.EXPIRED, expired.size());
        for (Mip6Binding binding : expired) {
            LOG.info("{} {}: {} -> EXPIRED (lifetime {} s over)", name, binding.homeAddress().getHostAddress(),
                    binding.origin(), binding.lifetimeSeconds());
        }
    }

    /** The journal file, or "off". */
    String backupDescription() {
        return journal == null ? "off" : journal.file().toString();
    }

    @Override
    public void close() throws IOException {
        if (journal != null) {
            journal.close();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Owner owner() {
        return owner;
    }

    @Override
    public Optional<Scope> ownCounters() {
        return ownCounters;
    }

    @Override
    public List<Mip6Binding> bindings() {
        return cache.list();
    }

    @Override
    public Optional<Mip6Binding> binding(Inet6Address homeAddress) {
        return cache.get(homeAddress);
    }

    @Override
    public Optional<String> recoveryState(Inet6Address homeAddress) {
        BindingRecovery running = recovery;
        if (running == null) {
            return Optional.empty();
        }
        return running.entryState(homeAddress)
                .map(state -> state + ", care-of prefix " + running.careOfPrefix(homeAddress).orElse("?"));
    }

    @Override
    public Mip6Counters counters() {
        return counters;
    }

    @Override
    public RecoveryProgress recovery() {
        BindingRecovery running = recovery;
        return running == null ? RecoveryProgress.none() : running.progress();
    }

    @Override
    public List<String> details(long nowMillis) {
        return details.apply(nowMillis);
    }
}
