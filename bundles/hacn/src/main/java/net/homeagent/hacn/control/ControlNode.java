package net.homeagent.hacn.control;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.hacn.PeriodicTask;
import net.homeagent.mip.api.ReverseTunnelAdmission;
import net.homeagent.mip.api.UdpTunnelReceiver;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.events.ApplianceEvents;
import net.homeagent.mip.api.management.ControlNodeView;
import net.homeagent.mip.api.support.KarafFolder;
import net.homeagent.peer.PeerLink;
import net.homeagent.peer.vrrp.KeepalivedFifoReader;
import net.homeagent.peer.vrrp.KeepalivedTrackFile;

/**
 * The HA control node as an OSGi component (PID {@value HacnConfig#PID}; only with that
 * configuration, and only if it says {@code enabled=true}): the {@link ControlCore} on the peer
 * link, its public address socket and its tick. Registered as itself for the {@code hacn:*} commands.
 */
@Component(service = ControlNode.class, configurationPid = HacnConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = HacnConfig.class)
public final class ControlNode {

    private static final Logger LOG = LoggerFactory.getLogger(ControlNode.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ApplianceEvents events;

    /** This box's data plane admits the mobiles' reverse tunnels to the public address (RFC 3024 §4.2.1). */
    private final Optional<ReverseTunnelFeed> reverseTunnels;
    private final Optional<ExecutorService> reverseTunnelWorker;

    private final Optional<ControlCore> core;
    private final AtomicReference<PublicFront> front = new AtomicReference<>();
    private final Optional<PeriodicTask> ticker;
    private final Optional<Checkpoints> checkpoints;
    private final Optional<KeepalivedFifoReader> keepalived;
    private final InetSocketAddress publicAddress;
    private final Optional<ServiceRegistration<ControlNodeView>> management;

    @Activate
    public ControlNode(@Reference(name = "link") PeerLink link, HacnConfig config, BundleContext context) {
        if (!config.enabled()) {
            LOG.info("not the HA control node (enabled=false in etc/{}.cfg)", HacnConfig.PID);
            this.core = Optional.empty();
            this.ticker = Optional.empty();
            this.checkpoints = Optional.empty();
            this.keepalived = Optional.empty();
            this.publicAddress = null;
            this.management = Optional.empty();
            this.reverseTunnels = Optional.empty();
            this.reverseTunnelWorker = Optional.empty();
            return;
        }
        ControlSettings settings = ControlSettings.from(config);
        if (config.checkpointMillis() < 0) {
            throw new IllegalArgumentException("checkpointMillis is negative");
        }
        Optional<PeerControlNode> peer = PeerControlNode.of(config.peerControlNode(), settings);
        if (peer.isPresent() && config.notifyFifo().isBlank()) {
            throw new IllegalArgumentException("notifyFifo: a control node with a peerControlNode serves when keepalived"
                    + " makes it master, which it learns from keepalived's notify FIFO");
        }
        Optional<KeepalivedTrackFile> track = config.trackFile().isBlank() ? Optional.empty()
                : Optional.of(new KeepalivedTrackFile(Path.of(config.trackFile())));
        track.ifPresent(t -> t.mayTakeAddress(false)); // until this control node knows the HAs' state
        Clock clock = Clock.systemUTC();
        Optional<Path> file = config.checkpointMillis() == 0 ? Optional.empty()
                : Optional.of(KarafFolder.DATA.resolve(config.checkpointFile()).toAbsolutePath());
        Optional<Checkpoints.Loaded> loaded = file.map(Checkpoints::load);
        ControlCore started = new ControlCore(settings, link, clock, this::publish,
                loaded.flatMap(Checkpoints.Loaded::contents), peer,
                may -> track.ifPresent(t -> t.mayTakeAddress(may)));
        this.publicAddress = new InetSocketAddress(settings.publicAddress(), settings.port());
        Optional<Checkpoints> kept = Optional.empty();
        try {
            if (file.isPresent()) {
                kept = Optional.of(new Checkpoints(file.get(), Duration.ofMillis(config.checkpointMillis()), started,
                        clock, loaded.orElseThrow()));
                started.onStateChange(kept.get()::soon);
            }
            if (peer.isEmpty()) {
                bindFront(started, clock);
            }
        } catch (RuntimeException e) {
            kept.ifPresent(Checkpoints::close);
            started.close();
            throw e;
        }
        this.checkpoints = kept;
        this.core = Optional.of(started);
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "hacn-reverse-tunnels"));
        ReverseTunnelFeed feed = new ReverseTunnelFeed(worker, started.counters());
        started.feedReverseTunnels(feed);
        this.reverseTunnelWorker = Optional.of(worker);
        this.reverseTunnels = Optional.of(feed);
        started.onRoleChange(active -> {
            try {
                if (active) {
                    bindFront(started, clock);
                } else {
                    closeFront();
                }
            } catch (RuntimeException e) {
                started.counters().increment("public-address-bind-failures");
                LOG.error("control node {} the public address {}: {}", active ? "cannot bind" : "cannot close",
                        publicAddress, e.toString());
            }
        });
        this.ticker = Optional.of(new PeriodicTask("hacn-tick", settings.tick(), started::tick));
        this.keepalived = peer.map(p -> new KeepalivedFifoReader(Path.of(config.notifyFifo()), config.vrrpInstance(),
                notice -> started.keepalived(notice.master()), started.counters()::increment, clock, "hacn"));
        keepalived.ifPresent(KeepalivedFifoReader::start);
        // by hand, only on an enabled control node: no service, no HOMEAGENT-HACN-MIB objects (docs/snmp.md)
        this.management = Optional.of(context.registerService(ControlNodeView.class, new ManagementView(started), null));
    }

    /**
     * Binds the public address: at start without a peer, else when keepalived makes this control
     * node master (the address may still be on its way: binding needs net.ipv4.ip_nonlocal_bind = 1,
     * as for the redundancy group's virtual address).
     */
    private void bindFront(ControlCore started, Clock clock) {
        PublicFront socket = new PublicFront(publicAddress, started, clock);
        started.replyThrough(socket::send);
        PublicFront was = front.getAndSet(socket);
        if (was != null) {
            was.close();
        }
        LOG.info("control node listens on the public address {}", publicAddress);
    }

    private void closeFront() {
        PublicFront was = front.getAndSet(null);
        if (was != null) {
            was.close();
            LOG.info("control node stopped listening on the public address {} (standby now)", publicAddress);
        }
    }

    /**
     * The data plane's {@link ReverseTunnelAdmission} (dynamic, optional: without it nothing is
     * admitted, and the feed logs it once); called after the constructor, so the feed is there.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "withoutAdmission")
    void admission(ReverseTunnelAdmission admission) {
        reverseTunnels.ifPresent(feed -> feed.admission(admission));
    }

    void withoutAdmission(ReverseTunnelAdmission admission) {
        reverseTunnels.ifPresent(feed -> feed.admissionGone(admission));
    }

    /** The data plane's RFC 3519 receiver: Tunnel Data reaching the public address goes to it (dynamic, optional). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "withoutTunnelData")
    void tunnelData(UdpTunnelReceiver receiver) {
        core.ifPresent(c -> c.tunnelDataTo(receiver));
    }

    void withoutTunnelData(UdpTunnelReceiver receiver) {
        core.ifPresent(c -> c.tunnelDataGone(receiver));
    }

    private void publish(ApplianceEvent event) {
        ApplianceEvents route = events;
        if (route != null) {
            route.publish(event);
        }
    }

    /** The control node, if this appliance is one. */
    public Optional<ControlCore> core() {
        return core;
    }

    /** Its checkpoint's state, if it keeps one. */
    public Optional<String> checkpoint() {
        return checkpoints.map(c -> {
            Checkpoints.Status s = c.status();
            return String.format("%s, %s, %d written (%d bytes last), %d failed%s; at start: %s", s.file(),
                    s.lastWritten().map(at -> "last " + at).orElse("none written yet"), s.writes(), s.bytes(),
                    s.failures(), s.lastFailure().map(f -> " (last: " + f + ")").orElse(""), s.restored());
        });
    }

    @Deactivate
    void stop() {
        management.ifPresent(ServiceRegistration::unregister);
        keepalived.ifPresent(KeepalivedFifoReader::close);
        ticker.ifPresent(PeriodicTask::close);
        closeFront();
        core.ifPresent(ControlCore::close);
        checkpoints.ifPresent(Checkpoints::close);
        reverseTunnelWorker.ifPresent(ControlNode::finish);
        reverseTunnels.ifPresent(ReverseTunnelFeed::close);
    }

    /** Lets the reverse tunnel calls queued run, at most a second: the feed withdraws them all after. */
    private static void finish(ExecutorService worker) {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(1, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
