package net.homeagent.routes;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.events.ApplianceEvent.Kind;

/**
 * The appliance's routes (docs/snmp.md has the picture). Every event enters once, at
 * {@value #EVENTS}, and is fanned out to: the SNMP notifier, the audit log, the role listeners
 * (whiteboard of ApplianceEventListener) and, if configured, the operator's endpoints. Two timer
 * routes run the appliance watch (levels and counters that become events) and write the audit log's
 * binding summary; one route takes the traps the trap receiver hands in.
 */
final class ApplianceRoutes extends RouteBuilder {

    static final String EVENTS = "direct:appliance-events";
    static final String TRAPS_IN = "direct:snmp-traps-in";
    static final List<String> ROUTE_IDS = List.of("appliance-events", "snmp-notifications", "audit-log",
            "event-listeners", "operator-endpoints", "binding-summary", "appliance-watch", "snmp-traps-in");

    private final Consumer<ApplianceEvent> notifications;
    private final AuditLog audit;
    private final Consumer<ApplianceEvent> listeners;
    private final ApplianceWatch watch;
    private final Consumer<ApplianceEvent> publish;
    private final IntSupplier tableSize;
    private final List<String> operatorEndpoints;
    private final Set<Kind> operatorKinds;
    private final int summarySeconds;

    /**
     * @param notifications     the SNMP notifier's side ({@link HeldNotifications}: it holds events while there is no agent)
     * @param publish           where the watch and the trap route put their events (the hub)
     * @param operatorKinds     empty = every kind
     */
    ApplianceRoutes(Consumer<ApplianceEvent> notifications, AuditLog audit, Consumer<ApplianceEvent> listeners,
            ApplianceWatch watch, Consumer<ApplianceEvent> publish, IntSupplier tableSize,
            List<String> operatorEndpoints, Set<Kind> operatorKinds, int summarySeconds) {
        this.notifications = notifications;
        this.audit = audit;
        this.listeners = listeners;
        this.watch = watch;
        this.publish = publish;
        this.tableSize = tableSize;
        this.operatorEndpoints = List.copyOf(operatorEndpoints);
        this.operatorKinds = Set.copyOf(operatorKinds);
        this.summarySeconds = summarySeconds;
    }

    @Override
    public void configure() {
        from(EVENTS).routeId("appliance-events")
                .multicast().to("direct:snmp-notifications", "direct:audit-log", "direct:event-listeners",
                        "direct:operator-endpoints");

        from("direct:snmp-notifications").routeId("snmp-notifications")
                .process(exchange -> notifications.accept(event(exchange)));

        from("direct:audit-log").routeId("audit-log")
                .process(exchange -> audit.record(event(exchange)));

        from("direct:event-listeners").routeId("event-listeners")
                .process(exchange -> listeners.accept(event(exchange)));

        var operator = from("direct:operator-endpoints").routeId("operator-endpoints")
                .filter(exchange -> !operatorEndpoints.isEmpty()
                        && (operatorKinds.isEmpty() || operatorKinds.contains(event(exchange).kind())))
                .process(exchange -> exchange.getIn().setBody(EventLine.of(event(exchange)) + "\n"));
        if (!operatorEndpoints.isEmpty()) {
            operator.multicast().to(operatorEndpoints.toArray(String[]::new));
        }

        from("timer:binding-summary?period=" + summarySeconds * 1000L).routeId("binding-summary")
                .process(exchange -> audit.summarize(tableSize.getAsInt()));

        from("timer:appliance-watch?period=1000").routeId("appliance-watch")
                .process(exchange -> watch.tick(publish));

        from(TRAPS_IN).routeId("snmp-traps-in")
                .process(exchange -> publish.accept(event(exchange)));
    }

    private static ApplianceEvent event(Exchange exchange) {
        return exchange.getIn().getBody(ApplianceEvent.class);
    }
}
