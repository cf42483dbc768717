package net.homeagent.hacn.control;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

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

import net.homeagent.hacn.PeriodicTask;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.events.ApplianceEvents;
import net.homeagent.mip.api.support.KarafFolder;
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

    private final Optional<ControlCore> core;
    private final Optional<PublicFront> front;
    private final Optional<PeriodicTask> ticker;
    private final Optional<Checkpoints> checkpoints;

    @Activate
    public ControlNode(@Reference(name = "link") PeerLink link, HacnConfig config) {
        if (!config.enabled()) {
            LOG.info("not the HA control node (enabled=false in etc/{}.cfg)", HacnConfig.PID);
            this.core = Optional.empty();
            this.front = Optional.empty();
            this.ticker = Optional.empty();
            this.checkpoints = Optional.empty();
            return;
        }
        ControlSettings settings = ControlSettings.from(config);
        if (config.checkpointMillis() < 0) {
            throw new IllegalArgumentException("checkpointMillis is negative");
        }
        Clock clock = Clock.systemUTC();
        Optional<Path> file = config.checkpointMillis() == 0 ? Optional.empty()
                : Optional.of(KarafFolder.DATA.resolve(config.checkpointFile()).toAbsolutePath());
        Optional<Checkpoints.Loaded> loaded = file.map(Checkpoints::load);
        ControlCore started = new ControlCore(settings, link, clock, this::publish,
                loaded.flatMap(Checkpoints.Loaded::contents));
        Optional<Checkpoints> kept = Optional.empty();
        PublicFront socket;
        try {
            if (file.isPresent()) {
                kept = Optional.of(new Checkpoints(file.get(), Duration.ofMillis(config.checkpointMillis()), started,
                        clock, loaded.orElseThrow()));
                started.onStateChange(kept.get()::soon);
            }
            socket = new PublicFront(new InetSocketAddress(settings.publicAddress(), settings.port()), started, clock);
        } catch (RuntimeException e) {
            kept.ifPresent(Checkpoints::close);
            started.close();
            throw e;
        }
        this.checkpoints = kept;
        started.replyThrough(socket::send);
        this.core = Optional.of(started);
        this.front = Optional.of(socket);
        this.ticker = Optional.of(new PeriodicTask("hacn-tick", settings.tick(), started::tick));
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
        ticker.ifPresent(PeriodicTask::close);
        front.ifPresent(PublicFront::close);
        core.ifPresent(ControlCore::close);
        checkpoints.ifPresent(Checkpoints::close);
    }
}
