package net.homeagent.mimm.reactive;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.util.concurrent.DefaultThreadFactory;
import net.homeagent.mimm.AdvisorView;
import net.homeagent.mimm.MimmConfig;
import net.homeagent.mimm.network.NetworkPlan;
import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.BindingListener;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.SecurityAssociations;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.events.ApplianceEventListener;
import net.homeagent.mip.api.events.ApplianceEvents;
import net.homeagent.mip.api.events.NetworkAlertCheck;
import net.homeagent.mip.codec.mimm.TimestampIdentifications;

/**
 * Reactive advice as OSGi services (the advisor's PID {@value MimmConfig#PID}): the
 * {@link ApplianceEventListener} of NETWORK_ALERTs (whiteboard of the routes bundle), the
 * {@link BindingListener} that advises a mobile arriving in an alerted network, the
 * {@link AlertsView} of {@code mimm:alerts}, and the {@link NetworkAlertCheck} the routes' HTTP
 * alert endpoint asks before it publishes (the same {@link AlertReader} reads both). Apart from the handoff advisor's component, so that a
 * port in use or a bad alert setting costs reactive advice only; it reads the networks from the
 * advisor ({@link AdvisorView}), so that both know the same plan. Threads: the endpoint's event loop
 * receives and paces ({@value ReactivePusher#TICK_MILLIS} ms ticks); one worker walks the binding
 * table for an alert and the periodic push, off the event route's thread.
 */
@Component(service = {ApplianceEventListener.class, BindingListener.class, AlertsView.class, NetworkAlertCheck.class},
        configurationPid = MimmConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class ReactiveAdviceComponent implements ApplianceEventListener, BindingListener, AlertsView,
        NetworkAlertCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ReactiveAdviceComponent.class);
    private static final Set<ApplianceEvent.Kind> KINDS = Set.of(ApplianceEvent.Kind.NETWORK_ALERT);

    /** The event routes, while the routes bundle runs: MIMM_ALERT and MIMM_ADVICE events go there. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ApplianceEvents events;

    private final ReactiveAdvisor advisor;
    private final ReactiveEndpoint endpoint;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(new DefaultThreadFactory("mimm-alerts"));

    @Activate
    public ReactiveAdviceComponent(@Reference AdvisorView view, @Reference BindingStore store,
            @Reference SecurityAssociations associations, MimmConfig config) throws InterruptedException,
            java.net.UnknownHostException {
        Clock clock = Clock.systemUTC();
        NetworkPlan plan = new NetworkPlan(view.networks().stream().map(AdvisorView.NetworkStatus::network).toList());
        AlertBook book = new AlertBook();
        ReactiveCounters counters = new ReactiveCounters();
        Deliveries deliveries = Deliveries.parse(list(config.deliveries()));
        if (config.periodicSeconds() < 1 || config.replayToleranceSeconds() < 1) {
            throw new IllegalArgumentException("periodicSeconds and replayToleranceSeconds must be >= 1");
        }
        endpoint = new ReactiveEndpoint(config.mobilePort(), () -> counters.count(ReactiveCount.SEND_FAILED));
        ReactivePusher pusher = new ReactivePusher(clock, endpoint,
                new TokenBucket(config.pushRate(), config.pushBurst(), clock.instant()),
                new ReactivePusher.Retransmission(Duration.ofMillis(config.retransmitInitialMillis()),
                        config.retransmitAttempts()).within(Duration.ofSeconds(config.replayToleranceSeconds())),
                new TimestampIdentifications(clock), alert -> alert.holdsAt(clock.instant())
                        && book.active(clock.instant()).contains(alert), counters);
        advisor = new ReactiveAdvisor(clock, new AlertReader(AlertSubjects.parse(plan, list(config.alertSubjects()))),
                book, new MobileDirectory(store, associations, plan), pusher, deliveries,
                config.replayToleranceSeconds(), counters, this::publish);
        try {
            int granted = endpoint.bind(InetAddress.getByName(config.reactiveListenAddress().trim()),
                    config.reactivePort(), config.reactiveReceiveBufferBytes(), this::receivedSafely);
            if (granted < config.reactiveReceiveBufferBytes()) {
                LOG.warn("MIMM reactive socket got a receive buffer of {} bytes, not the {} of"
                        + " `reactiveReceiveBufferBytes`: the kernel caps it at net.core.rmem_max (sysctl -w"
                        + " net.core.rmem_max={})", granted, config.reactiveReceiveBufferBytes(),
                        config.reactiveReceiveBufferBytes());
            }
        } catch (RuntimeException | InterruptedException e) {
            endpoint.close();
            worker.shutdownNow();
            throw e;
        }
        endpoint.loop().scheduleAtFixedRate(advisor::tick, ReactivePusher.TICK_MILLIS, ReactivePusher.TICK_MILLIS,
                TimeUnit.MILLISECONDS);
        endpoint.loop().scheduleAtFixedRate(() -> worker.execute(advisor::periodic), config.periodicSeconds(),
                config.periodicSeconds(), TimeUnit.SECONDS);
        if (config.adviceEventSeconds() > 0) {
            AdviceSummary summary = new AdviceSummary(() -> AdviceSummary.counters(view.statistics(),
                    counters.snapshot()), clock.instant());
            endpoint.loop().scheduleAtFixedRate(() -> worker.execute(() -> summary.next(clock.instant())
                    .ifPresent(this::publish)), config.adviceEventSeconds(), config.adviceEventSeconds(), TimeUnit.SECONDS);
        }
        LOG.info("MIMM reactive advice on {}: deliveries {}, pace {}/s burst {}, {} sends from {} ms, {} alert subjects",
                endpoint.listening(), deliveries, config.pushRate(), config.pushBurst(), config.retransmitAttempts(),
                config.retransmitInitialMillis(), config.alertSubjects().length);
    }

    private static List<String> list(String[] values) {
        return Arrays.stream(values).flatMap(v -> Arrays.stream(v.split(","))).map(String::trim)
                .filter(v -> !v.isEmpty()).toList();
    }

    private void receivedSafely(byte[] datagram, java.net.InetSocketAddress sender) {
        try {
            advisor.received(datagram, reply -> endpoint.reply(sender, reply));
        } catch (RuntimeException e) {
            // house rule 5: nothing a mobile sends escapes into the socket's pipeline
            LOG.warn("reactive datagram of {} octets failed: {}", datagram.length, e.toString());
        }
    }

    private void publish(ApplianceEvent event) {
        ApplianceEvents route = events;
        if (route != null) {
            route.publish(event);
        }
    }

    @Deactivate
    void stop() {
        worker.shutdownNow();
        endpoint.close();
        LOG.info("MIMM reactive advice stopped: {}", advisor.counters().snapshot());
    }

    @Override
    public Set<ApplianceEvent.Kind> kinds() {
        return KINDS; // asked for every event the routes carry (a BINDING_ADDED per registration)
    }

    /** Called on the event route's thread: the walk of the binding table goes to the worker. */
    @Override
    public void eventPublished(ApplianceEvent event) {
        worker.execute(() -> advisor.alertPublished(event));
    }

    /**
     * Called on the registration's thread: an arrival (a new care-of address) goes to the worker,
     * which looks for an alert on its network and the mobile's association.
     */
    @Override
    public void bindingChanged(BindingEvent event) {
        if (ReactiveAdvisor.isArrival(event) && advisor.watchingArrivals()) {
            worker.execute(() -> advisor.arrived(event.binding()));
        }
    }

    /** Called on the alert endpoint's thread; reads only the immutable network plan and subjects. */
    @Override
    public Verdict check(ApplianceEvent alert) {
        return advisor.check(alert);
    }

    @Override
    public List<Alert> alerts() {
        return advisor.alerts();
    }

    @Override
    public Optional<Alert> clear(int id) {
        return advisor.clear(id);
    }

    @Override
    public Map<String, Long> counters() {
        return advisor.counters().snapshot();
    }

    @Override
    public int queued() {
        return advisor.queued();
    }

    @Override
    public int unacknowledged() {
        return advisor.unacknowledged();
    }
}
