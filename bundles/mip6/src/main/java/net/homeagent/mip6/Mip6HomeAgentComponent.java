package net.homeagent.mip6;

import java.io.IOException;
import java.net.Inet6Address;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip6.Mip6Counters.Counter;
import net.homeagent.mip6.cache.BindingCache;
import net.homeagent.mip6.cache.BindingCacheJournal;
import net.homeagent.mip6.cache.CacheBackup;
import net.homeagent.mip6.cache.Mip6Binding;
import net.homeagent.mip6.linux.HostSetup;
import net.homeagent.mip6.linux.SignallingTun;
import net.homeagent.mip6.linux.TunSignallingLoop;
import net.homeagent.mip6.recovery.BindingRecovery;
import net.homeagent.mip6.recovery.RecoveryActions;
import net.homeagent.mip6.recovery.RecoveryProgress;
import net.homeagent.mip6.recovery.RecoverySettings;
import net.homeagent.mip6.registration.HomeRegistration;
import net.homeagent.mip6.registration.HomeRegistrationSettings;
import net.homeagent.mip6.registration.Ipv6Prefix;

/**
 * The Mobile IPv6 home agent (PID {@value Mip6Config#PID}), off until {@code enabled=true}. On
 * activation: the backup is read (what expired while the node was down is dropped), the restored
 * entries go into the binding cache at once if {@code forwardDuringRecovery}, the signalling device
 * is opened and the home agent addresses routed into it, and binding recovery starts over the
 * restored entries; a timer thread expires entries once a second. A configuration change
 * re-creates it (the backup is read again, and a recovery starts over what it holds).
 */
@Component(service = Mip6View.class, configurationPid = Mip6Config.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = Mip6Config.class)
public final class Mip6HomeAgentComponent implements Mip6View {

    private static final Logger LOG = LoggerFactory.getLogger(Mip6HomeAgentComponent.class);

    private final Clock clock = Clock.systemUTC();
    private final Mip6Counters counters = new Mip6Counters();
    private final String status;
    /** what runs: null when off or when the start failed */
    private final Started started;
    private volatile BindingRecovery recovery;

    /** The running home agent's parts, closed in reverse order by {@link #stop}. */
    private record Started(BindingCache cache, BindingCacheJournal journal, ScheduledExecutorService timer,
            TunSignallingLoop signalling, String status) {
    }

    /**
     * A start that fails (no root for the TUN device, a bad address in the configuration, an
     * unreadable backup) leaves the component up and says why in mip6:* and at ERROR in the log.
     */
    @Activate
    public Mip6HomeAgentComponent(Mip6Config config) {
        if (!config.enabled()) {
            this.status = "off (enabled=false in etc/" + Mip6Config.PID + ".cfg)";
            this.started = null;
            LOG.info("Mobile IPv6 home agent: {}", status);
            return;
        }
        Started parts = null;
        String why;
        try {
            parts = start(config);
            why = parts.status();
            LOG.info("Mobile IPv6 home agent {}", why);
        } catch (IOException | RuntimeException e) {
            why = "failed to start: " + e.getMessage();
            LOG.error("Mobile IPv6 home agent failed to start", e);
        }
        this.started = parts;
        this.status = why;
    }

    private Started start(Mip6Config config) throws IOException {
        List<Inet6Address> addresses = prefixes(config.homeAgentAddresses()).stream()
                .map(Ipv6Prefix::network).toList();
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("enabled=true but no homeAgentAddresses in etc/" + Mip6Config.PID + ".cfg");
        }
        HomeRegistrationSettings settings = new HomeRegistrationSettings(prefixes(config.homePrefixes()),
                prefixes(config.servedRanges()), config.maxLifetimeSeconds(), config.capacity(), addresses);
        RecoverySettings recoverySettings = new RecoverySettings(config.recoveryRate(),
                config.recoveryPrefixSpacingMillis(), config.recoveryJitter(), config.recoveryTimeoutMillis(),
                config.recoveryAttempts(), config.recoveryPrefixLength(), config.recoveryLookAhead());
        List<Mip6Binding> restored = List.of();
        BindingCacheJournal journal = null;
        if (config.backupEnabled()) {
            Path folder = Path.of(config.backupFolder()
                    .replace("${karaf.data}", System.getProperty("karaf.data", "data")));
            BindingCacheJournal.Opened opened = BindingCacheJournal.open(folder, clock.millis());
            journal = opened.journal();
            restored = opened.live();
            counters.count(Counter.RESTORED, restored.size());
            counters.count(Counter.RESTORE_EXPIRED, opened.expired());
            LOG.info("IPv6 binding cache backup {}: {} entries restored, {} expired while down, {} damaged octets",
                    journal.file(), restored.size(), opened.expired(), opened.damagedBytes());
        }
        BindingCache cache = new BindingCache(journal == null ? CacheBackup.NONE : journal);
        if (config.forwardDuringRecovery() || !config.recoveryEnabled()) {
            cache.restore(restored);
        }
        HomeRegistration registration = new HomeRegistration(settings, cache, counters, this::updateAccepted);
        SignallingTun tun = null;
        try {
            tun = SignallingTun.open(config.device());
            if (config.setUpHost()) {
                HostSetup.apply(tun.name(), addresses);
            }
        } catch (IOException | RuntimeException e) {
            if (tun != null) {
                tun.close();
            }
            if (journal != null) {
                journal.close();
            }
            throw e;
        }
        Mip6Signalling signallingLogic = new Mip6Signalling(addresses, registration, counters, tun, clock);
        TunSignallingLoop signalling = new TunSignallingLoop(tun, signallingLogic::received);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mip6-timer");
            thread.setDaemon(true);
            return thread;
        });
        if (config.recoveryEnabled() && !restored.isEmpty()) {
            long seed = config.recoverySeed() != 0 ? config.recoverySeed() : new SecureRandom().nextLong();
            this.recovery = BindingRecovery.start(restored, clock.millis(), recoverySettings,
                    recoveryActions(signallingLogic, cache), seed);
            new RecoveryDriver(recovery, timer, clock).start();
        }
        timer.scheduleAtFixedRate(() -> expire(cache), 1, 1, TimeUnit.SECONDS);
        signalling.start();
        return new Started(cache, journal, timer, signalling, "running on " + tun.name() + ", home agent addresses "
                + addresses.stream().map(Inet6Address::getHostAddress).toList() + ", home prefixes "
                + settings.homePrefixes() + ", backup " + (journal == null ? "off" : journal.file().toString()));
    }

    private RecoveryActions recoveryActions(Mip6Signalling signallingLogic, BindingCache cache) {
        return new RecoveryActions() {
            @Override
            public void sendRefreshRequest(Mip6Binding entry, int attempt) {
                signallingLogic.sendRefreshRequest(entry);
            }

            @Override
            public boolean deleteSilent(Mip6Binding entry) {
                try {
                    if (!cache.deleteRestored(entry)) {
                        return false;
                    }
                    counters.count(Counter.DELETED_SILENT);
                    LOG.info("home registration {}: RESTORED -> DELETED (no answer to binding recovery)",
                            entry.homeAddress().getHostAddress());
                } catch (IOException e) {
                    // still in the cache: it stays until its lifetime ends, and a restart asks it again
                    counters.count(Counter.BACKUP_FAILURES);
                    LOG.warn("binding recovery: deleting {} from the backup failed, it stays until its lifetime ends: {}",
                            entry.homeAddress().getHostAddress(), e.toString());
                }
                return true;
            }
        };
    }

    private void updateAccepted(Inet6Address homeAddress) {
        BindingRecovery running = recovery;
        if (running != null && running.bindingUpdateAccepted(homeAddress)) {
            counters.count(Counter.VALIDATED);
        }
    }

    private void expire(BindingCache cache) {
        List<Mip6Binding> expired = cache.expireDue(clock.millis());
        counters.count(Counter.EXPIRED, expired.size());
        for (Mip6Binding binding : expired) {
            LOG.info("home registration {}: {} -> EXPIRED (lifetime {} s over, RFC 6275 §10.3.1)",
                    binding.homeAddress().getHostAddress(), binding.origin(), binding.lifetimeSeconds());
        }
    }

    private static List<Ipv6Prefix> prefixes(String[] configured) {
        return Arrays.stream(configured).flatMap(entry -> Arrays.stream(entry.split(",")))
                .map(String::trim).filter(entry -> !entry.isEmpty()).map(Ipv6Prefix::parse).toList();
    }

    @Deactivate
    void stop() throws IOException, InterruptedException {
        if (started == null) {
            return;
        }
        started.timer().shutdownNow();
        started.timer().awaitTermination(2, TimeUnit.SECONDS);
        started.signalling().close();
        if (started.journal() != null) {
            started.journal().close();
        }
    }

    @Override
    public String status() {
        return status;
    }

    @Override
    public long nowMillis() {
        return clock.millis();
    }

    @Override
    public List<Mip6Binding> bindings() {
        return started == null ? List.of() : started.cache().list();
    }

    @Override
    public Optional<Mip6Binding> binding(Inet6Address homeAddress) {
        return started == null ? Optional.empty() : started.cache().get(homeAddress);
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
}
