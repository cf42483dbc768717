package net.homeagent.delegation.pha;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
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

import net.homeagent.delegation.Ticker;
import net.homeagent.mip.api.BindingKey;
import net.homeagent.mip.api.BindingListener;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.DataPlane;
import net.homeagent.mip.api.DelegatedForwarding;
import net.homeagent.mip.api.ReplyBarrier;
import net.homeagent.mip.api.TunnelCounters;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.events.ApplianceEvents;
import net.homeagent.mip.api.management.DelegationView;
import net.homeagent.peer.PeerLink;

/**
 * This appliance as a primary home agent (PID {@value PhaConfig#PID}) when that configuration says
 * {@code enabled=true}. It then plugs the {@link PrimaryAgent} into the home agent through mip-api,
 * registered by hand so that an appliance that is not a PHA registers nothing: the
 * {@link BindingListener} and {@link ReplyBarrier}, and {@link LocalInterception} as the
 * {@link DelegatedForwarding} its data plane asks, and {@link PrimaryView} as the {@link DelegationView}
 * the SNMP agent serves.
 */
@Component(service = PrimaryRole.class, immediate = true, configurationPid = PhaConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PhaConfig.class)
public final class PrimaryRole {

    private static final Logger LOG = LoggerFactory.getLogger(PrimaryRole.class);
    /** The tick's period: Start deadlines and SHA silence are seen this late at most. */
    private static final Duration TICK = Duration.ofMillis(20);
    /** How long a stopping PHA waits for the link to acknowledge its Stops. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(1);
    /** How often the checkpoint is written when the delegations changed: a crash loses at most this much. */
    private static final Duration CHECKPOINT_EVERY = Duration.ofMillis(500);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ApplianceEvents events;

    /** This node's own data plane: the packet counters of the mobiles the PHA forwards itself. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DataPlane dataPlane;

    private final Optional<PrimaryAgent> agent;
    private final Optional<Ticker> ticker;
    private final List<ServiceRegistration<?>> registrations;
    private final Optional<DelegationCheckpoint> checkpoint;
    /** The agent's placement changes the checkpoint on disk holds (only the ticker's thread and stop use it). */
    private long checkpointed = -1;

    @Activate
    public PrimaryRole(@Reference(name = "link") PeerLink link, @Reference(name = "store") BindingStore store,
            PhaConfig config, BundleContext context) {
        if (!config.enabled()) {
            LOG.info("not a primary home agent (enabled=false in etc/{}.cfg)", PhaConfig.PID);
            agent = Optional.empty();
            ticker = Optional.empty();
            registrations = List.of();
            checkpoint = Optional.empty();
            return;
        }
        PhaSettings settings = PhaSettings.from(config);
        LocalInterception interception = new LocalInterception();
        // the PHA's own thread: binding changes, Starts, the SHAs' messages, the tick
        Ticker thread = new Ticker("delegation-pha");
        PrimaryAgent started = new PrimaryAgent(settings, link, store, Clock.systemUTC(), thread,
                Policies.standard(settings.policy(), settings.load()), interception, this::localCounters,
                this::publish);
        checkpoint = checkpointOf(config.checkpointFile());
        checkpoint.ifPresent(file -> restore(file, started));
        thread.every(TICK, started::tick);
        thread.every(CHECKPOINT_EVERY, this::writeCheckpoint);
        agent = Optional.of(started);
        ticker = Optional.of(thread);
        registrations = List.of(
                context.registerService(DelegatedForwarding.class, interception, null),
                context.registerService(DelegationView.class, new PrimaryView(started), null),
                context.registerService(new String[] {BindingListener.class.getName(), ReplyBarrier.class.getName()},
                        started, null));
        publish(ApplianceEvent.roleChanged(Clock.systemUTC().instant(), "delegation-pha", "off", "primary",
                settings.shas().size() + " SHAs, order " + settings.order().text()));
        LOG.info("primary home agent: {} SHAs, policy {}, order {}", settings.shas().size(), settings.policy(),
                settings.order().text());
    }

    static Optional<DelegationCheckpoint> checkpointOf(String configured) {
        String file = configured.trim().replace("${karaf.data}", System.getProperty("karaf.data", "data"));
        return file.isEmpty() ? Optional.empty() : Optional.of(new DelegationCheckpoint(Path.of(file)));
    }

    /** A missing checkpoint is a first start; a damaged one is said and left: the PHA starts without it. */
    private static void restore(DelegationCheckpoint file, PrimaryAgent agent) {
        try {
            agent.restore(file.read());
        } catch (IOException e) {
            LOG.warn("delegation checkpoint not restored, the PHA forwards every mobile until its SHAs come up: {}",
                    e.getMessage());
        }
    }

    /** On the ticker's thread: the file follows the delegations within {@link #CHECKPOINT_EVERY}. */
    private void writeCheckpoint() {
        agent.ifPresent(a -> checkpoint.ifPresent(file -> {
            long changes = a.placementChanges();
            if (changes == checkpointed) {
                return;
            }
            try {
                file.write(a.placements());
                checkpointed = changes;
            } catch (IOException e) {
                LOG.warn("delegation checkpoint {} not written: {}", file.file(), e.toString());
            }
        }));
    }

    private static void takeBackAndClose(PrimaryAgent agent) {
        try {
            agent.takeAllBack().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("the SHAs did not acknowledge every Stop Forwarding within {} ms", STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("Stop Forwarding not acknowledged: {}", e.getCause().toString());
        }
        agent.close();
    }

    private Optional<TunnelCounters> localCounters(BindingKey key) {
        DataPlane plane = dataPlane;
        return plane == null ? Optional.empty() : plane.counters(key);
    }

    private void publish(ApplianceEvent event) {
        ApplianceEvents route = events;
        if (route != null) {
            route.publish(event);
        }
    }

    public Optional<PrimaryAgent> agent() {
        return agent;
    }

    /**
     * The mobiles go back to this node's data plane before the hooks go away, and the SHAs are told
     * to stop: the role waits a moment for the link's acknowledgements before the channel closes and
     * fails what it still had to send (an SHA that missed its Stop stops when the duration runs out).
     */
    @Deactivate
    void stop() {
        ticker.ifPresent(Ticker::close); // from now on the listener's hand-overs are refused, and dropped
        agent.ifPresent(PrimaryRole::takeBackAndClose);
        writeCheckpoint(); // every mobile was taken back: a later start restores none
        registrations.forEach(ServiceRegistration::unregister);
        publish(ApplianceEvent.roleChanged(Clock.systemUTC().instant(), "delegation-pha", "primary", "off", "stopped"));
    }
}
