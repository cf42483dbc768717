package net.homeagent.hacn.agent;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.BindingListener;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.RegistrationService;
import net.homeagent.mip.api.ServingAuthority;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.events.ApplianceEventListener;
import net.homeagent.mip.api.events.ApplianceEvents;
import net.homeagent.peer.PeerLink;

/**
 * This home agent as one of a control node's HAs (PID {@value AgentConfig#PID}; only with that
 * configuration). It plugs into the home agent through mip-api: a {@link BindingListener} that
 * reports every change to the HACN, a {@link ServingAuthority} that keeps a redundant HA from
 * serving until the HACN activates it, an {@link ApplianceEventListener} for the failures it tells
 * the HACN about; forwarded registrations go to the {@link RegistrationService}.
 */
@Component(service = {HomeAgentAgent.class, BindingListener.class, ServingAuthority.class,
        ApplianceEventListener.class}, configurationPid = AgentConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AgentConfig.class)
public final class HomeAgentAgent implements BindingListener, ServingAuthority, ApplianceEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(HomeAgentAgent.class);
    /** How long a stopping HA waits for the HACN to acknowledge its interrupt. */
    private static final long INTERRUPT_WAIT_MILLIS = 1000;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ApplianceEvents events;

    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "hacn-agent-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private final AgentEndpoint endpoint;

    @Activate
    public HomeAgentAgent(@Reference(name = "link") PeerLink link,
            @Reference(name = "registrations") RegistrationService service,
            @Reference(name = "store") BindingStore store, AgentConfig config) {
        AgentSettings settings = AgentSettings.from(config);
        this.endpoint = new AgentEndpoint(settings, link, service, store, Clock.systemUTC(), this::publish);
        long period = settings.heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(this::heartbeat, 0, period, TimeUnit.MILLISECONDS);
    }

    private void heartbeat() {
        try {
            endpoint.heartbeat();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: no more heartbeats would be a failure
            LOG.warn("heartbeat to the control node failed", e);
        }
    }

    private void publish(ApplianceEvent event) {
        ApplianceEvents route = events;
        if (route != null) {
            route.publish(event);
        }
    }

    public AgentEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public void bindingChanged(BindingEvent event) {
        endpoint.bindingChanged(event);
    }

    @Override
    public boolean serving() {
        return endpoint.serving();
    }

    @Override
    public void addWatcher(Consumer<Boolean> watcher) {
        endpoint.addWatcher(watcher);
    }

    @Override
    public void removeWatcher(Consumer<Boolean> watcher) {
        endpoint.removeWatcher(watcher);
    }

    @Override
    public Set<ApplianceEvent.Kind> kinds() {
        return Set.of(ApplianceEvent.Kind.FAILURE, ApplianceEvent.Kind.BACKUP_PROBLEM);
    }

    @Override
    public void eventPublished(ApplianceEvent event) {
        endpoint.applianceEvent(event);
    }

    /**
     * A stopping HA (bundle stopped or updated, appliance shutting down) tells the HACN, which
     * moves its mobiles to a redundant HA, and waits a moment for the acknowledgement before the
     * channel closes and fails what it still had to send.
     */
    @Deactivate
    void stop() {
        heartbeats.shutdownNow();
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
