package net.homeagent.mip6;

import java.io.IOException;
import java.net.Inet6Address;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;

import net.homeagent.mip.api.events.ApplianceEvents;
import net.homeagent.mip.api.support.KarafFolder;
import net.homeagent.mip.api.management.Mip6NodeView.Owner;
import net.homeagent.mip6.Mip6Counters.Scope;
import net.homeagent.mip6.cache.Mip6Binding;
import net.homeagent.mip6.correspondent.CorrespondentRegistration;
import net.homeagent.mip6.correspondent.CorrespondentResponder;
import net.homeagent.mip6.correspondent.KeygenTokens;
import net.homeagent.mip6.correspondent.NonceTable;
import net.homeagent.mip6.correspondent.RouteOptimizedEcho;
import net.homeagent.mip6.forward.TunnelForwarder;
import net.homeagent.mip6.homelink.HomeLinkProxy;
import net.homeagent.mip6.ipsec.EspInbound;
import net.homeagent.mip6.ipsec.EspTransform;
import net.homeagent.mip6.ipsec.HomeRegistrationProtection;
import net.homeagent.mip6.ipsec.IpsecPolicy;
import net.homeagent.mip6.ipsec.SecurityAssociationFile;
import net.homeagent.mip6.linux.HostSetup;
import net.homeagent.mip6.linux.LinuxHomeLink;
import net.homeagent.mip6.linux.SignallingTun;
import net.homeagent.mip6.linux.TunSignallingLoop;
import net.homeagent.mip6.recovery.RecoverySettings;
import net.homeagent.mip6.registration.HomeAgentResponder;
import net.homeagent.mip6.registration.HomeRegistration;
import net.homeagent.mip6.registration.HomeRegistrationSettings;
import net.homeagent.mip6.registration.Ipv6Prefix;
import net.homeagent.mip6.registration.RegistrationKind;

/**
 * The Mobile IPv6 node (PID {@value Mip6Config#PID}), off until {@code enabled=true}: a home agent
 * on {@code homeAgentAddresses}, a correspondent node with route optimization on
 * {@code correspondentAddresses} and a Mobility Anchor Point (HMIPv6, RFC 5380) on
 * {@code mapAddresses}, any of them. On activation: each role's backup is read (what
 * expired while the node was down is dropped), the restored entries go into its binding cache at
 * once if {@code forwardDuringRecovery}, the signalling device is opened and every address routed
 * into it, and each role's binding recovery starts over its restored entries; a timer thread
 * expires entries once a second. Each recovery's start and end are appliance events (to the event
 * routes, when installed). A configuration change re-creates it (the backups are read
 * again, and recoveries start over what they hold).
 */
@Component(service = Mip6View.class, configurationPid = Mip6Config.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = Mip6Config.class)
public final class Mip6NodeComponent implements Mip6View {

    private static final Logger LOG = LoggerFactory.getLogger(Mip6NodeComponent.class);
    static final String HOME_AGENT_JOURNAL = "mip6-bindings.journal";
    static final String CORRESPONDENT_JOURNAL = "mip6-cn-bindings.journal";
    static final String MAP_JOURNAL = "mip6-map-bindings.journal";

    private final Clock clock = Clock.systemUTC();
    private final Mip6Counters signallingCounters = new Mip6Counters();
    private final EventOutbox events = new EventOutbox();
    private final String status;
    /** what runs: null when off or when the start failed */
    private final Started started;

    /** The running node's parts, closed in reverse order by {@link #stop}. */
    private record Started(List<RecoverableBindingCache> roles, ScheduledExecutorService timer,
            TunSignallingLoop signalling, Optional<HomeLinkProxy> homeLinkProxy, Optional<LinuxHomeLink> homeLink,
            String status) {
    }

    /**
     * A start that fails (no root for the TUN device, a bad address in the configuration, an
     * unreadable backup) leaves the component up and says why in mip6:* and at ERROR in the log.
     */
    @Activate
    public Mip6NodeComponent(Mip6Config config) {
        if (!config.enabled()) {
            this.status = "off (enabled=false in etc/" + Mip6Config.PID + ".cfg)";
            this.started = null;
            LOG.info("Mobile IPv6 node: {}", status);
            return;
        }
        Started parts = null;
        String why;
        try {
            parts = start(config);
            why = parts.status();
            LOG.info("Mobile IPv6 node {}", why);
        } catch (IOException | RuntimeException e) {
            why = "failed to start: " + e.getMessage();
            LOG.error("Mobile IPv6 node failed to start", e);
        }
        this.started = parts;
        this.status = why;
    }

    private Started start(Mip6Config config) throws IOException {
        List<Inet6Address> homeAgentAddresses = addresses(config.homeAgentAddresses());
        List<Inet6Address> correspondentAddresses = addresses(config.correspondentAddresses());
        List<Inet6Address> mapAddresses = addresses(config.mapAddresses());
        if (homeAgentAddresses.isEmpty() && correspondentAddresses.isEmpty() && mapAddresses.isEmpty()) {
            throw new IllegalArgumentException("enabled=true but none of homeAgentAddresses, correspondentAddresses,"
                    + " mapAddresses in etc/" + Mip6Config.PID + ".cfg");
        }
        // an address answers for one role: the destination is what picks the role of a Binding Update
        Set<Inet6Address> distinct = new HashSet<>();
        for (Inet6Address address : concat(homeAgentAddresses, correspondentAddresses, mapAddresses)) {
            if (!distinct.add(address)) {
                throw new IllegalArgumentException("an address is configured for two roles (home agent, correspondent,"
                        + " MAP): " + address.getHostAddress());
            }
        }
        RecoverySettings recoverySettings = new RecoverySettings(config.recoveryRate(),
                config.recoveryPrefixSpacingMillis(), config.recoveryJitter(), config.recoveryTimeoutMillis(),
                config.recoveryAttempts(), config.recoveryPrefixLength(), config.recoveryLookAhead());
        Map<Inet6Address, MobilityResponder> responders = new LinkedHashMap<>();
        // each role and the address its Binding Refresh Requests leave from (its first)
        Map<RecoverableBindingCache, Inet6Address> roles = new LinkedHashMap<>();
        IpsecPolicy ipsecPolicy = IpsecPolicy.named(config.ipsecPolicy());
        Optional<SecurityAssociationFile> associations = homeAgentAddresses.isEmpty() ? Optional.empty()
                : Optional.of(new SecurityAssociationFile(KarafFolder.ETC.resolve(config.ipsecAssociationsFile())));
        if (ipsecPolicy == IpsecPolicy.REQUIRED && associations.map(file -> file.get().size() == 0).orElse(false)) {
            LOG.warn("ipsecPolicy=required and no ESP security association in {}: every home registration will be"
                    + " discarded until one is added", associations.get().file());
        }
        EspTransform esp = new EspTransform(new SecureRandom());
        SignallingTun tun = null;
        LinuxHomeLink homeLink = null;
        TunnelForwarder forwarder = null;
        RecoverableBindingCache correspondentCache = null;
        RecoverableBindingCache homeAgent = null;
        try {
            // both caches first: each role refuses with 139 a home address the other one holds (§9.5.1)
            if (!homeAgentAddresses.isEmpty()) {
                homeAgent = RecoverableBindingCache.open("home agent", Owner.HOME_AGENT, Optional.empty(),
                        HOME_AGENT_JOURNAL, config, clock.millis(), now -> List.of());
                roles.put(homeAgent, homeAgentAddresses.get(0));
            }
            NonceTable nonces = new NonceTable(new SecureRandom());
            RecoverableBindingCache map = null;
            RecoverableBindingCache correspondent = null;
            if (!correspondentAddresses.isEmpty()) {
                correspondent = RecoverableBindingCache.open("correspondent node", Owner.CORRESPONDENT_NODE,
                        Optional.of(Scope.CORRESPONDENT), CORRESPONDENT_JOURNAL, config, clock.millis(),
                        now -> List.of(nonces.held(now) + " nonces acceptable (RFC 6275 §5.2.7: a new one every "
                                + NonceTable.ROTATION_MILLIS / 1000 + " s, each for "
                                + NonceTable.MAX_NONCE_LIFETIME_MILLIS / 1000 + " s)"));
                roles.put(correspondent, correspondentAddresses.get(0));
                correspondentCache = correspondent;
            }
            if (homeAgent != null) {
                HomeRegistration registration = new HomeRegistration(new HomeRegistrationSettings(RegistrationKind.HOME,
                        prefixes(config.homePrefixes()), prefixes(config.servedRanges()), config.maxLifetimeSeconds(),
                        config.capacity(), homeAgentAddresses), homeAgent.cache(), holds(correspondent),
                        homeAgent.counters(), homeAgent::accepted);
                HomeAgentResponder responder = new HomeAgentResponder(registration, homeAgent.counters(),
                        Optional.of(new HomeRegistrationProtection(ipsecPolicy, associations.get(), signallingCounters)));
                homeAgentAddresses.forEach(address -> responders.put(address, responder));
            }
            if (!mapAddresses.isEmpty()) {
                // RFC 5380: a local home agent for regional care-of addresses, with a cache, a backup and a
                // recovery of its own; an RCoA is no home address, so the correspondent's 139 does not apply
                map = RecoverableBindingCache.open("MAP", Owner.MAP, Optional.empty(), MAP_JOURNAL, config,
                        clock.millis(), now -> List.of());
                roles.put(map, mapAddresses.get(0));
                HomeRegistration registration = new HomeRegistration(new HomeRegistrationSettings(RegistrationKind.MAP,
                        prefixes(config.mapPrefixes()), List.of(), config.maxLifetimeSeconds(), config.capacity(),
                        mapAddresses), map.cache(), rcoa -> false, map.counters(), map::accepted);
                HomeAgentResponder responder = new HomeAgentResponder(registration, map.counters());
                mapAddresses.forEach(address -> responders.put(address, responder));
            }
            if (correspondent != null) {
                KeygenTokens tokens = new KeygenTokens(nonces);
                CorrespondentResponder responder = new CorrespondentResponder(tokens,
                        new CorrespondentRegistration(tokens, correspondent.cache(), config.capacity(),
                                holds(homeAgent), correspondent.counters(), correspondent::accepted),
                        correspondent.counters());
                correspondentAddresses.forEach(address -> responders.put(address, responder));
            }
            tun = SignallingTun.open(config.device());
            if (config.tunnelForwarding() && (homeAgent != null || map != null)) {
                forwarder = new TunnelForwarder(anchors(config, homeAgent, homeAgentAddresses, map, mapAddresses), tun,
                        signallingCounters, config.tunnelLinkMtu());
            }
            boolean onHomeLink = !config.homeLinkInterface().isBlank();
            if (onHomeLink && (homeAgent == null || !config.tunnelForwarding() || !config.setUpHost())) {
                throw new IllegalArgumentException("homeLinkInterface needs homeAgentAddresses, tunnelForwarding=true"
                        + " and setUpHost=true");
            }
            if (config.setUpHost()) {
                // on a shared home link the home prefixes stay on the link: only bound addresses come to the device
                List<Ipv6Prefix> routed = config.tunnelForwarding()
                        ? concat(homeAgent == null || onHomeLink ? List.of() : prefixes(config.homePrefixes()),
                                map == null ? List.of() : prefixes(config.mapPrefixes()))
                        : List.of();
                HostSetup.apply(tun.name(), List.copyOf(responders.keySet()), routed);
            }
            if (onHomeLink) {
                homeLink = LinuxHomeLink.open(config.homeLinkInterface().trim(), tun.name());
            }
        } catch (IOException | RuntimeException e) {
            if (homeLink != null) {
                homeLink.close();
            }
            if (tun != null) {
                tun.close();
            }
            for (RecoverableBindingCache role : roles.keySet()) {
                role.close();
            }
            throw e;
        }
        // the data each role takes before the signalling path looks: tunnels, the correspondent's echo
        Predicate<ByteBuf> dataPath = packet -> false;
        if (forwarder != null) {
            dataPath = dataPath.or(forwarder::handle);
        }
        if (correspondentCache != null) {
            dataPath = dataPath.or(new RouteOptimizedEcho(Set.copyOf(correspondentAddresses),
                    correspondentCache.cache(), tun, correspondentCache.counters(), signallingCounters, clock));
        }
        Mip6Signalling signallingLogic = new Mip6Signalling(responders, dataPath, signallingCounters, tun, clock,
                associations.map(file -> new EspInbound(Set.copyOf(homeAgentAddresses), file, esp, signallingCounters,
                        clock)), Optional.of(esp));
        TunSignallingLoop signalling = new TunSignallingLoop(tun, signallingLogic::received);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mip6-timer");
            thread.setDaemon(true);
            return thread;
        });
        HomeLinkProxy homeLinkProxy = null;
        if (homeLink != null) {
            homeLinkProxy = new HomeLinkProxy(holds(homeAgent), homeLink,
                    Executors.newSingleThreadScheduledExecutor(runnable -> {
                        Thread thread = new Thread(runnable, "mip6-home-link");
                        thread.setDaemon(true);
                        return thread;
                    }), HomeLinkProxy.RETRANS_TIMER_MILLIS, config.homeLinkAdvertisementRate(), signallingCounters);
            // told of changes first, then the restored entries and the host's leftovers: nothing is missed
            homeAgent.cache().observe(homeLinkProxy::changed);
            homeLinkProxy.start(homeAgent.cache().list().stream().map(Mip6Binding::homeAddress).toList());
        }
        roles.forEach((role, refreshSource) ->
                role.startRecovery(config, recoverySettings, refreshSource, signallingLogic, timer, clock, events));
        timer.scheduleAtFixedRate(() -> roles.keySet().forEach(role -> role.expire(clock.millis())), 1, 1,
                TimeUnit.SECONDS);
        associations.ifPresent(file -> timer.scheduleWithFixedDelay(() -> reloadSafely(file), 1, 1, TimeUnit.SECONDS));
        signalling.start();
        StringBuilder description = new StringBuilder("running on ").append(tun.name());
        if (!homeAgentAddresses.isEmpty()) {
            description.append(", home agent addresses ").append(text(homeAgentAddresses)).append(", home prefixes ")
                    .append(prefixes(config.homePrefixes())).append(", ESP ").append(ipsecPolicy.configName())
                    .append(" (").append(associations.get().get().size()).append(" security associations in ")
                    .append(associations.get().file()).append(')');
        }
        if (!correspondentAddresses.isEmpty()) {
            description.append(", correspondent addresses ").append(text(correspondentAddresses));
        }
        if (!mapAddresses.isEmpty()) {
            description.append(", MAP addresses ").append(text(mapAddresses)).append(", MAP prefixes ")
                    .append(prefixes(config.mapPrefixes()));
        }
        if (homeLink != null) {
            description.append(", home link ").append(config.homeLinkInterface().trim())
                    .append(" (proxy Neighbor Discovery for bound home addresses)");
        }
        for (RecoverableBindingCache role : roles.keySet()) {
            description.append(", ").append(role.name()).append(" backup ").append(role.backupDescription());
        }
        return new Started(List.copyOf(roles.keySet()), timer, signalling, Optional.ofNullable(homeLinkProxy),
                Optional.ofNullable(homeLink), description.toString());
    }

    /** A check of the ESP associations file on the node's timer: an exception would cancel the periodic task. */
    private static void reloadSafely(SecurityAssociationFile file) {
        try {
            file.reloadIfChanged();
        } catch (RuntimeException e) {
            LOG.error("checking {} for changes failed", file.file(), e);
        }
    }

    /** Whether {@code role} (null: the role does not run) holds a binding for a home address. */
    private static Predicate<Inet6Address> holds(RecoverableBindingCache role) {
        return role == null ? home -> false : home -> role.cache().get(home).isPresent();
    }

    @SafeVarargs
    private static <T> List<T> concat(List<T>... lists) {
        return Arrays.stream(lists).flatMap(List::stream).toList();
    }

    /** The roles that tunnel (RFC 6275 §10.4.1, RFC 5380 §6.2): each from its first address. */
    private static List<TunnelForwarder.Anchor> anchors(Mip6Config config, RecoverableBindingCache homeAgent,
            List<Inet6Address> homeAgentAddresses, RecoverableBindingCache map, List<Inet6Address> mapAddresses) {
        List<TunnelForwarder.Anchor> anchors = new ArrayList<>();
        if (homeAgent != null) {
            anchors.add(new TunnelForwarder.Anchor(homeAgent.cache(), homeAgentAddresses.get(0),
                    Set.copyOf(homeAgentAddresses), prefixes(config.homePrefixes())));
        }
        if (map != null) {
            anchors.add(new TunnelForwarder.Anchor(map.cache(), mapAddresses.get(0), Set.copyOf(mapAddresses),
                    prefixes(config.mapPrefixes())));
        }
        return anchors;
    }

    private static List<String> text(List<Inet6Address> addresses) {
        return addresses.stream().map(Inet6Address::getHostAddress).toList();
    }

    private static List<Inet6Address> addresses(String[] configured) {
        return prefixes(configured).stream().map(Ipv6Prefix::network).toList();
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
        started.homeLinkProxy().ifPresent(HomeLinkProxy::close);
        started.homeLink().ifPresent(LinuxHomeLink::close);
        for (RecoverableBindingCache role : started.roles()) {
            role.close();
        }
    }

    /** The event routes (feature homeagent-routes), when installed: what the node published before is held till then. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindEvents(ApplianceEvents routes) {
        events.bind(routes);
    }

    void unbindEvents(ApplianceEvents routes) {
        events.unbind(routes);
    }

    @Override
    public OptionalInt homeLinkProxied() {
        return started == null || started.homeLinkProxy().isEmpty() ? OptionalInt.empty()
                : OptionalInt.of(started.homeLinkProxy().get().proxied());
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
    public Mip6Counters signallingCounters() {
        return signallingCounters;
    }

    @Override
    public List<Mip6RoleView> roles() {
        return started == null ? List.of() : List.copyOf(started.roles());
    }
}
