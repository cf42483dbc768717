package net.homeagent.hacn.control;

import java.net.InetSocketAddress;
import java.time.Clock;
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
 * configuration): the {@link ControlCore} on the peer link, its public address socket and its
 * tick. Registered as itself for the {@code hacn:*} commands.
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
    private final ControlCore core;
    private final PublicFront front;

    @Activate
    public ControlNode(@Reference(name = "link") PeerLink link, HacnConfig config) {
        ControlSettings settings = ControlSettings.from(config);
        Clock clock = Clock.systemUTC();
        this.core = new ControlCore(settings, link, clock, this::publish);
        try {
            this.front = new PublicFront(new InetSocketAddress(settings.publicAddress(), settings.port()), core, clock);
        } catch (RuntimeException e) {
            core.close();
            throw e;
        }
        core.replyThrough(front::send);
        long tick = settings.tick().toMillis();
        ticker.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    private void tick() {
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

    public ControlCore core() {
        return core;
    }

    @Deactivate
    void stop() {
        ticker.shutdownNow();
        front.close();
        core.close();
    }
}
