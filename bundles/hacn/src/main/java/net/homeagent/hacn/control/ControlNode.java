package net.homeagent.hacn.control;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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

import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.events.ApplianceEvents;
import net.homeagent.peer.PeerLink;

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

    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "hacn-tick");
        thread.setDaemon(true);
        return thread;
    });
    private final Optional<ControlCore> core;
    private final Optional<PublicFront> front;

    @Activate
    public ControlNode(@Reference(name = "link") PeerLink link, HacnConfig config) {
        if (!config.enabled()) {
            LOG.info("not the HA control node (enabled=false in etc/{}.cfg)", HacnConfig.PID);
            this.core = Optional.empty();
            this.front = Optional.empty();
            return;
        }
        ControlSettings settings = ControlSettings.from(config);
        Clock clock = Clock.systemUTC();
        ControlCore started = new ControlCore(settings, link, clock, this::publish);
        PublicFront socket;
        try {
            socket = new PublicFront(new InetSocketAddress(settings.publicAddress(), settings.port()), started, clock);
        } catch (RuntimeException e) {
            started.close();
            ticker.shutdownNow();
            throw e;
        }
        started.replyThrough(socket::send);
        this.core = Optional.of(started);
        this.front = Optional.of(socket);
        long tick = settings.tick().toMillis();
        ticker.scheduleWithFixedDelay(() -> tick(started), tick, tick, TimeUnit.MILLISECONDS);
    }

    private static void tick(ControlCore core) {
        try {
            core.tick();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: no failure would be detected any more
            LOG.error("control node tick failed", e);
        }
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

    @Deactivate
    void stop() {
        ticker.shutdownNow();
        front.ifPresent(PublicFront::close);
        core.ifPresent(ControlCore::close);
    }
}
