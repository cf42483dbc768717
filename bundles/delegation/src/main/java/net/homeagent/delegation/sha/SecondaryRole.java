package net.homeagent.delegation.sha;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

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
import net.homeagent.mip.api.DataPlane;
import net.homeagent.mip.api.TunnelHolder;
import net.homeagent.mip.api.TunnelSpec;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.events.ApplianceEvents;
import net.homeagent.peer.PeerLink;

/**
 * This appliance as a secondary home agent (PID {@value ShaConfig#PID}) when that configuration says
 * {@code enabled=true}: opens service 3 on the peer link and runs the {@link SecondaryAgent} on one
 * thread of its own ({@link Ticker}: messages, heartbeats, expiry). Its tunnels are the
 * {@link TunnelHolder}'s, so that the data plane's reconcile keeps them.
 */
@Component(service = {SecondaryRole.class, TunnelHolder.class}, immediate = true, configurationPid = ShaConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ShaConfig.class)
public final class SecondaryRole implements TunnelHolder {

    private static final Logger LOG = LoggerFactory.getLogger(SecondaryRole.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ApplianceEvents events;

    private final Optional<SecondaryAgent> agent;
    private final Optional<Ticker> ticker;

    @Activate
    public SecondaryRole(@Reference(name = "link") PeerLink link, @Reference(name = "dataPlane") DataPlane dataPlane,
            ShaConfig config) {
        if (!config.enabled()) {
            LOG.info("not a secondary home agent (enabled=false in etc/{}.cfg)", ShaConfig.PID);
            agent = Optional.empty();
            ticker = Optional.empty();
            return;
        }
        ShaSettings settings = ShaSettings.from(config);
        Ticker thread = new Ticker("delegation-sha");
        SecondaryAgent started = new SecondaryAgent(settings, link, dataPlane, Clock.systemUTC(), thread, this::publish);
        thread.every(settings.heartbeat(), started::tick);
        agent = Optional.of(started);
        ticker = Optional.of(thread);
        LOG.info("secondary home agent of PHA {} (capacity {})", settings.pha().nodeId(),
                settings.capacity() == 0 ? "unlimited" : settings.capacity());
    }

    private void publish(ApplianceEvent event) {
        ApplianceEvents route = events;
        if (route != null) {
            route.publish(event);
        }
    }

    @Override
    public void whileHeld(Consumer<Collection<TunnelSpec>> reconcile) {
        agent.ifPresentOrElse(started -> started.whileHeld(reconcile), () -> reconcile.accept(List.of()));
    }

    public Optional<SecondaryAgent> agent() {
        return agent;
    }

    @Deactivate
    void stop() {
        ticker.ifPresent(Ticker::close);
        agent.ifPresent(SecondaryAgent::close);
    }
}
