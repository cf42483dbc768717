package net.homeagent.routes;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.core.osgi.OsgiDefaultCamelContext;
import org.apache.camel.spi.ComponentResolver;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
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

import net.homeagent.mip.api.BindingBackupStatus;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.RegistrationStatistics;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.events.ApplianceEvent.Kind;
import net.homeagent.mip.api.events.ApplianceEventListener;
import net.homeagent.mip.api.events.NetworkAlertCheck;
import net.homeagent.mip.api.management.ManagementNotifier;
import net.homeagent.mip.api.management.SnmpAgentStatus;

/**
 * The Camel context of the appliance (name {@value #CONTEXT_NAME}, PID {@value RoutesConfig#PID}),
 * registered as an OSGi service so that {@code camel:route-list} shows its routes. It drains the
 * {@link EventHub} (where every bundle publishes) into its routes and publishes
 * {@link Kind#APPLIANCE_STARTED} once they run. The SNMP agent, the registration statistics and the
 * backup are optional: without one, that leg or that watch is left out.
 */
@Component(service = {}, immediate = true, configurationPid = RoutesConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RoutesConfig.class)
public final class RoutesComponent {

    static final String CONTEXT_NAME = "homeagent";
    private static final Logger LOG = LoggerFactory.getLogger(RoutesComponent.class);

    private final List<ApplianceEventListener> listeners = new CopyOnWriteArrayList<>();
    private final EventHub hub;
    private final OsgiDefaultCamelContext camel;
    private final ProducerTemplate producer;
    private final ServiceRegistration<CamelContext> registration;
    private final TrapReceiver traps;
    private final AlertIntake alerts;
    private final String alertEndpoint;
    private final boolean alertTokenMissing;
    private boolean alertRouteStarted;
    private boolean stopped;

    /*
     * The services the routes watch are dynamic references, not constructor parameters: they come
     * and go with their bundles (the SNMP agent starts after the routes at boot), and a static
     * reference would restart the whole Camel context each time.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile RegistrationStatistics statistics;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile BindingBackupStatus backup;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile SnmpAgentStatus snmp;
    /** The MIMM advisor's reading of an alert, for the HTTP alert endpoint; none while it is not installed. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile NetworkAlertCheck alertCheck;
    /*
     * Events published before the SNMP agent is there (at boot it starts after the routes) are held
     * for it: the last 64, handed over if at most a minute old.
     */
    private final HeldNotifications notifications = new HeldNotifications(64, Duration.ofMinutes(1), Clock.systemUTC());

    @Activate
    public RoutesComponent(BundleContext bundle, RoutesConfig config, @Reference EventHub hub,
            @Reference BindingStore store) throws Exception {
        Clock clock = Clock.systemUTC();
        RoutesSettings settings = RoutesSettings.from(config);
        this.hub = hub;
        ApplianceWatch watch = new ApplianceWatch(() -> store, () -> statistics, () -> backup, () -> snmp, clock,
                settings.highWater(), settings.highWaterClear(), settings.authFailureBurst(), settings.authFailureWindowSeconds());
        camel = new OsgiDefaultCamelContext(bundle);
        camel.setName(CONTEXT_NAME);
        // STACK.md trap 3: the OSGi context is initialised by its constructor; start it before adding routes
        camel.start();
        camel.addRoutes(new ApplianceRoutes(notifications, new AuditLog(hub.bindings()), this::deliverToListeners, watch, hub::publish,
                store::size, settings.operatorEndpoints(), settings.operatorKinds(), settings.bindingSummarySeconds()));
        producer = camel.createProducerTemplate();
        hub.start(event -> producer.sendBody(ApplianceRoutes.EVENTS, event));
        registration = bundle.registerService(CamelContext.class, camel,
                new Hashtable<>(Map.of("camel.context.name", CONTEXT_NAME)));
        traps = settings.trapReceiverEnabled() ? startTraps(settings, clock) : null;
        alertEndpoint = settings.alertEndpoint();
        alertTokenMissing = settings.alertToken().isEmpty();
        alerts = alertEndpoint.isEmpty() ? null
                : new AlertIntake(settings.alertToken(), () -> alertCheck, hub::publish, clock);
        startAlertRoute();
        hub.publish(ApplianceEvent.of(Kind.APPLIANCE_STARTED, clock.instant(), "routes",
                "appliance event routes started" + (traps == null ? "" : ", traps received on " + traps.listening())
                        + (alertRouteStarted ? ", alerts received on " + alertEndpoint : ""),
                Map.of()));
        LOG.info("Camel context {} started with routes {}", CONTEXT_NAME, ApplianceRoutes.ROUTE_IDS);
    }

    private TrapReceiver startTraps(RoutesSettings settings, Clock clock) {
        TrapReceiver receiver = new TrapReceiver(settings.trapCommunity(),
                alert -> producer.sendBody(ApplianceRoutes.TRAPS_IN, alert), clock);
        try {
            receiver.start(InetAddress.getByName(settings.trapListenAddress()), settings.trapPort());
            LOG.info("SNMP trap receiver listening on {}", receiver.listening());
            return receiver;
        } catch (IOException e) {
            LOG.error("SNMP trap receiver not started on {}:{}: {}", settings.trapListenAddress(), settings.trapPort(),
                    e.getMessage());
            return null;
        }
    }

    /**
     * The HTTP alert endpoint's route, apart from the others: an endpoint that cannot start (the port
     * taken) costs the alerts over HTTP only, as a trap port in use costs the traps. Its component
     * (netty-http) is a feature of its own that an operator may install after the routes run: then
     * the route waits, and {@link #addComponent} starts it when the component comes.
     */
    private synchronized void startAlertRoute() {
        if (alerts == null || alertRouteStarted || stopped) {
            return;
        }
        String uri = alertEndpoint;
        String scheme = uri.substring(0, uri.indexOf(':'));
        if (!hasComponent(scheme)) {
            LOG.warn("alert endpoint {} waits for the Camel component '{}' (feature:install homeagent-alerts-http)", uri,
                    scheme);
            return;
        }
        try {
            camel.addRoutes(new AlertEndpointRoute(uri, alerts));
            alertRouteStarted = true;
            LOG.info("alert endpoint listening on {}{}", uri,
                    alertTokenMissing ? " (no alertToken: every request is refused)" : "");
        } catch (Exception e) {
            LOG.error("alert endpoint {} not started: {}", uri, e.getMessage());
            try {
                camel.removeRoute(AlertEndpointRoute.ROUTE_ID);
            } catch (Exception notThere) {
                // the route was never added
            }
        }
    }

    private boolean hasComponent(String scheme) {
        try {
            return camel.getComponent(scheme) != null;
        } catch (RuntimeException e) {
            return false; // a resolver that fails is a component not there (yet)
        }
    }

    /**
     * Camel's OSGi extender registers a resolver per component bundle as it starts, property
     * {@code component} the names of its components (a String[]; a single String is taken too).
     */
    @Reference(service = ComponentResolver.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addComponent(ServiceReference<ComponentResolver> resolver) {
        Object names = resolver.getProperty("component");
        List<?> components = names instanceof Object[] array ? List.of(array) : List.of(String.valueOf(names));
        if (alerts != null && components.stream().anyMatch(name -> alertEndpoint.startsWith(name + ":"))) {
            startAlertRoute();
        }
    }

    void removeComponent(ServiceReference<ComponentResolver> resolver) {
        // a route keeps the component instance it was built with; nothing to do
    }

    @Deactivate
    void stop() {
        synchronized (this) {
            stopped = true;
        }
        if (traps != null) {
            traps.stop();
        }
        hub.stop();
        registration.unregister();
        camel.stop();
        LOG.info("Camel context {} stopped ({} events delivered, {} dropped, {} failed in the routes, {} never handed to "
                + "an SNMP agent{})", CONTEXT_NAME, hub.delivered(), hub.dropped(), hub.failed(), notifications.discarded(),
                alerts == null ? "" : "; alerts over HTTP " + alerts.counters());
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindNotifier(ManagementNotifier notifier) {
        int handed = notifications.attach(notifier);
        if (handed > 0) {
            LOG.info("{} events published before the SNMP agent was there handed to it", handed);
        }
    }

    void unbindNotifier(ManagementNotifier notifier) {
        notifications.detach(notifier);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(ApplianceEventListener listener) {
        listeners.add(listener);
    }

    void removeListener(ApplianceEventListener listener) {
        listeners.remove(listener);
    }

    private void deliverToListeners(ApplianceEvent event) {
        for (ApplianceEventListener l : listeners) {
            if (l.kinds().contains(event.kind())) {
                l.eventPublished(event);
            }
        }
    }

    /** {@link RoutesConfig} checked and typed; a bad value is refused with its key's name. */
    record RoutesSettings(int queueCapacity, List<String> operatorEndpoints, Set<Kind> operatorKinds,
            int bindingSummarySeconds, int highWater, int highWaterClear, int authFailureBurst,
            int authFailureWindowSeconds, boolean trapReceiverEnabled, String trapListenAddress, int trapPort,
            String trapCommunity, String alertEndpoint, String alertToken) {

        static RoutesSettings from(RoutesConfig c) {
            positive("eventQueueCapacity", c.eventQueueCapacity());
            positive("bindingSummarySeconds", c.bindingSummarySeconds());
            positive("authFailureBurst", c.authFailureBurst());
            positive("authFailureWindowSeconds", c.authFailureWindowSeconds());
            if (c.bindingHighWater() < 0 || c.bindingHighWaterClear() < 0
                    || (c.bindingHighWater() > 0 && c.bindingHighWaterClear() >= c.bindingHighWater())) {
                throw new IllegalArgumentException("bindingHighWater/bindingHighWaterClear: need 0 <= clear < high water");
            }
            if (c.trapPort() < 1 || c.trapPort() > 65535) {
                throw new IllegalArgumentException("trapPort: " + c.trapPort() + " is not a UDP port");
            }
            Set<Kind> kinds = EnumSet.noneOf(Kind.class);
            for (String k : commaSeparated(c.operatorEventKinds())) {
                if (!k.isBlank()) {
                    try {
                        kinds.add(Kind.valueOf(k.trim()));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("operatorEventKinds: '" + k + "' is none of "
                                + EnumSet.allOf(Kind.class), e);
                    }
                }
            }
            String alertEndpoint = c.alertEndpoint().trim();
            if (!alertEndpoint.isEmpty() && !alertEndpoint.matches("[A-Za-z][A-Za-z0-9+.-]*:.+")) {
                throw new IllegalArgumentException("alertEndpoint: '" + alertEndpoint + "' is no Camel URI (<component>:...)");
            }
            List<String> endpoints = commaSeparated(c.operatorEndpoints());
            return new RoutesSettings(c.eventQueueCapacity(), endpoints, kinds, c.bindingSummarySeconds(),
                    c.bindingHighWater(), c.bindingHighWaterClear(), c.authFailureBurst(), c.authFailureWindowSeconds(),
                    c.trapReceiverEnabled(), c.trapListenAddress().trim(), c.trapPort(), c.trapCommunity(),
                    alertEndpoint, c.alertToken().trim());
        }

        /** Whether an operator endpoint wants binding events one by one (else they are only counted). */
        boolean operatorReceivesBindings() {
            return !operatorEndpoints.isEmpty() && (operatorKinds.isEmpty()
                    || operatorKinds.contains(Kind.BINDING_ADDED) || operatorKinds.contains(Kind.BINDING_REMOVED));
        }

        /** A .cfg file gives a list as one comma separated value. */
        private static List<String> commaSeparated(String[] values) {
            return java.util.Arrays.stream(values).flatMap(v -> java.util.Arrays.stream(v.split(",")))
                    .map(String::trim).filter(v -> !v.isEmpty()).toList();
        }

        private static void positive(String key, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(key + ": must be >= 1, is " + value);
            }
        }
    }
}
