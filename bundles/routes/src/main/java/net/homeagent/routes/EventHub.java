package net.homeagent.routes;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.BindingListener;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.events.ApplianceEvents;
import net.homeagent.mip.api.support.RateLimitedLog;

/**
 * The appliance's {@link ApplianceEvents} endpoint and the routes' {@link BindingListener}: the bounded, non-blocking hand-off between whoever raises an event and the routes: a publisher
 * (the registration path's binding listener among them, at up to ~100,000 events/s) only offers
 * to a fixed-size queue, never waits, and an event that does not fit is dropped and counted. One
 * drain thread takes what is queued and sends it, one event at a time, into the routes' entry
 * endpoint.
 *
 * <p>Bindings: every ADDED and REMOVED is counted in the {@link BindingTally} (one increment on the
 * registering thread) for the audit log's summary. It enters the queue, and so the routes, only
 * when an operator endpoint receives binding events ({@code operatorEndpoints} with
 * {@code operatorEventKinds} empty or naming a binding kind): an exchange through the routes costs
 * more CPU than the registration that caused it. A binding event is queued as the store gave it
 * and turned into an {@link ApplianceEvent} on the drain thread, so even then the registration path
 * pays one offer and nothing else.
 *
 * <p>A component of its own, apart from the Camel context ({@link RoutesComponent} drains it): it
 * references nothing, so the binding store can call it without a reference cycle, and the queue
 * keeps what is waiting while the Camel context restarts.
 */
@Component(service = {ApplianceEvents.class, BindingListener.class, EventHub.class}, configurationPid = RoutesConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class EventHub implements ApplianceEvents, BindingListener {

    private static final int DRAIN_BATCH = 1024;

    private final BlockingQueue<Object> queue;
    private final boolean forwardBindings;
    private final BindingTally bindings = new BindingTally();
    private final Clock clock;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final RateLimitedLog failures;
    private volatile Thread drain;

    @Activate
    public EventHub(RoutesConfig config) {
        this(RoutesComponent.RoutesSettings.from(config), Clock.systemUTC());
    }

    EventHub(RoutesComponent.RoutesSettings settings, Clock clock) {
        this(settings.queueCapacity(), settings.operatorReceivesBindings(), clock);
    }

    EventHub(int capacity, boolean forwardBindings, Clock clock) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.forwardBindings = forwardBindings;
        this.clock = clock;
        this.failures = new RateLimitedLog(clock, Duration.ofMinutes(1), LoggerFactory.getLogger(EventHub.class)::warn);
    }

    @Override
    public boolean publish(ApplianceEvent event) {
        return offer(event);
    }

    /** ADDED and REMOVED are events of the appliance; a renewal (most registrations) is not. */
    @Override
    public void bindingChanged(BindingEvent event) {
        if (event.type() != BindingEvent.Type.RENEWED) {
            bindings.count(event);
            if (forwardBindings) {
                offer(event);
            }
        }
    }

    /** Bindings added and removed, for the audit log's summary. */
    BindingTally bindings() {
        return bindings;
    }

    private boolean offer(Object item) {
        if (queue.offer(item)) {
            return true;
        }
        dropped.increment();
        return false;
    }

    /** Starts the drain thread, which hands every queued event to {@code route} until {@link #stop}. */
    synchronized void start(Consumer<ApplianceEvent> route) {
        Thread t = new Thread(() -> drainUntilInterrupted(route), "homeagent-events");
        t.setDaemon(true);
        drain = t;
        t.start();
    }

    @Deactivate
    synchronized void stop() {
        Thread t = drain;
        drain = null;
        if (t != null) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void drainUntilInterrupted(Consumer<ApplianceEvent> route) {
        List<Object> batch = new ArrayList<>(DRAIN_BATCH);
        try {
            while (!Thread.currentThread().isInterrupted()) {
                batch.add(queue.take());
                queue.drainTo(batch, DRAIN_BATCH - 1);
                for (Object item : batch) {
                    ApplianceEvent event = item instanceof BindingEvent b ? fromBinding(b) : (ApplianceEvent) item;
                    try {
                        route.accept(event);
                        delivered.increment();
                    } catch (RuntimeException e) {
                        failed.increment();
                        failures.report(() -> "event " + event.kind() + " failed in the routes: " + e, e);
                    }
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    ApplianceEvent fromBinding(BindingEvent e) {
        String home = e.binding().homeAddress().getHostAddress();
        String careOf = e.binding().careOfAddress().getHostAddress();
        if (e.type() == BindingEvent.Type.ADDED) {
            return ApplianceEvent.of(ApplianceEvent.Kind.BINDING_ADDED, clock.instant(), "binding-store",
                    "binding added: " + home + " at " + careOf, Map.of("home", home, "careOf", careOf));
        }
        String reason = e.reason().map(Enum::name).orElse("UNKNOWN");
        return ApplianceEvent.of(ApplianceEvent.Kind.BINDING_REMOVED, clock.instant(), "binding-store",
                "binding removed: " + home + " at " + careOf + " (" + reason + ")",
                Map.of("home", home, "careOf", careOf, "reason", reason));
    }

    long dropped() {
        return dropped.sum();
    }

    long delivered() {
        return delivered.sum();
    }

    long failed() {
        return failed.sum();
    }

    int waiting() {
        return queue.size();
    }
}
