package net.homeagent.hacn.agent;

import java.time.Clock;
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

import net.homeagent.hacn.PeriodicTask;
import net.homeagent.mip.api.BindingListener;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.RegistrationService;
import net.homeagent.mip.api.ServingAuthority;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.events.ApplianceEventListener;
import net.homeagent.mip.api.events.ApplianceEvents;
import net.homeagent.peer.PeerLink;

/**
 * This home agent as one of a control node's HAs (PID {@value AgentConfig#PID}), when that
 * configuration says {@code enabled=true}. It then plugs the {@link AgentEndpoint} into the home
 * agent through mip-api, registered by hand like the peer link's service so that an appliance that
 * is not an HA of a control node registers nothing: a {@link BindingListener} that reports every
 * change to the HACN, a {@link ServingAuthority} that keeps a redundant HA from serving until the
 * HACN activates it, an {@link ApplianceEventListener} for the failures it tells the HACN about;
 * forwarded registrations go to the {@link RegistrationService}.
 */
@Component(service = HomeAgentAgent.class, immediate = true, configurationPid = AgentConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AgentConfig.class)
public final class HomeAgentAgent {

    private static final Logger LOG = LoggerFactory.getLogger(HomeAgentAgent.class);
    /** How long a stopping HA waits for the HACN to acknowledge its interrupt. */
    private static final long INTERRUPT_WAIT_MILLIS = 1000;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ApplianceEvents events;

    private final Optional<AgentEndpoint> endpoint;
    private final Optional<PeriodicTask> heartbeats;
    private final List<ServiceRegistration<?>> registrations;

    @Activate
    public HomeAgentAgent(@Reference(name = "link") PeerLink link,
            @Reference(name = "registrations") RegistrationService service,
            @Reference(name = "store") BindingStore store, AgentConfig config, BundleContext context) {
        if (!config.enabled()) {
            LOG.info("not an HA of a control node (enabled=false in etc/{}.cfg)", AgentConfig.PID);
            this.endpoint = Optional.empty();
            this.heartbeats = Optional.empty();
            this.registrations = List.of();
            return;
        }
        AgentSettings settings = AgentSettings.from(config);
        AgentEndpoint started = new AgentEndpoint(settings, link, service, store, Clock.systemUTC(), this::publish);
        this.endpoint = Optional.of(started);
        this.heartbeats = Optional.of(new PeriodicTask("hacn-agent-heartbeat", settings.heartbeat(), started::heartbeat));
        this.registrations = List.of(
                context.registerService(new String[] {BindingListener.class.getName(),
                        ApplianceEventListener.class.getName()}, started, null),
                context.registerService(ServingAuthority.class, started.authority(), null));
    }

    private void publish(ApplianceEvent event) {
        ApplianceEvents route = events;
        if (route != null) {
            route.publish(event);
        }
    }

    /** The endpoint, if this appliance is an HA of a control node. */
    public Optional<AgentEndpoint> endpoint() {
        return endpoint;
    }

    /**
     * A stopping HA (bundle stopped or updated, appliance shutting down) tells the HACN, which
     * moves its mobiles to a redundant HA, and waits a moment for the acknowledgement before the
     * channel closes and fails what it still had to send.
     */
    @Deactivate
    void stop() {
        registrations.forEach(ServiceRegistration::unregister);
        heartbeats.ifPresent(PeriodicTask::close);
        endpoint.ifPresent(HomeAgentAgent::interruptAndClose);
    }

    private static void interruptAndClose(AgentEndpoint endpoint) {
        try {
            endpoint.interrupt("stopping").toCompletableFuture().get(INTERRUPT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("the control node did not acknowledge the interrupt within {} ms", INTERRUPT_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("the control node did not acknowledge the interrupt: {}", e.getCause().toString());
        }
        endpoint.close();
    }
}
