package net.homeagent.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.events.ApplianceEvent.Kind;
import net.homeagent.mip.api.testing.FakeBindingStore;
import net.homeagent.mip.api.testing.MutableClock;

/** The routes in a plain Camel context: one event in, every leg reached once. */
class ApplianceRoutesTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final List<ApplianceEvent> notified = new CopyOnWriteArrayList<>();
    private final List<ApplianceEvent> heard = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        camel.stop();
    }

    private final MutableClock clock = MutableClock.at("2026-12-01T10:00:00Z");

    /** The routes in the context, the operator endpoint {@code mock:operator} getting {@code operatorKinds}. */
    private MockEndpoint start(Set<Kind> operatorKinds) throws Exception {
        FakeBindingStore store = new FakeBindingStore();
        ApplianceWatch watch = new ApplianceWatch(() -> store, () -> null, () -> null, () -> null, clock, 0, 0, 20, 10);
        camel.addRoutes(new ApplianceRoutes(notified::add, new AuditLog(new BindingTally()), heard::add, watch, e -> { },
                store::size, List.of("mock:operator"), operatorKinds, 10));
        camel.start();
        return camel.getEndpoint("mock:operator", MockEndpoint.class);
    }

    @Test
    void anEventReachesTheNotifierTheListenersAndTheOperatorEndpointOnce() throws Exception {
        MockEndpoint operator = start(Set.of(Kind.FAILURE));
        operator.expectedMessageCount(1);

        ApplianceEvent failure = ApplianceEvent.failure(Instant.parse("2026-12-01T10:00:01Z"), "data-plane",
                "tun0 write failed");
        ApplianceEvent added = ApplianceEvent.of(Kind.BINDING_ADDED, Instant.parse("2026-12-01T10:00:02Z"),
                "binding-store", "binding added", Map.of("home", "10.0.0.1"));
        camel.createProducerTemplate().sendBody(ApplianceRoutes.EVENTS, failure);
        camel.createProducerTemplate().sendBody(ApplianceRoutes.EVENTS, added);

        operator.assertIsSatisfied();
        assertThat(operator.getExchanges().get(0).getIn().getBody(String.class))
                .isEqualTo("2026-12-01T10:00:01Z FAILURE data-plane: tun0 write failed [component=data-plane]\n");
        assertThat(notified).containsExactly(failure, added);
        assertThat(heard).containsExactly(failure, added);
        assertThat(camel.getRoutes()).extracting(r -> r.getRouteId())
                .containsExactlyInAnyOrderElementsOf(ApplianceRoutes.ROUTE_IDS);
    }

    @Test
    void aGroupMembersStateChangePublishedToTheHubReachesTheNotifierWithItsNodeAndStates() throws Exception {
        MockEndpoint operator = start(Set.of(Kind.ROLE_CHANGED));
        operator.expectedMessageCount(1);
        EventHub hub = new EventHub(16, false, clock);
        hub.start(event -> camel.createProducerTemplate().sendBody(ApplianceRoutes.EVENTS, event));
        // as the group member publishes it (GroupMember, RedundancyGroupView.ROLE)
        ApplianceEvent changed = ApplianceEvent.roleChanged(Instant.parse("2026-12-01T10:00:03Z"), "group-member",
                "standby", "active", "keepalived_master").withDetail("node", "2");

        assertThat(hub.publish(changed)).isTrue();

        operator.assertIsSatisfied();
        hub.stop();
        assertThat(notified).containsExactly(changed);
        assertThat(heard).containsExactly(changed);
        assertThat(operator.getExchanges().get(0).getIn().getBody(String.class)).isEqualTo(
                "2026-12-01T10:00:03Z ROLE_CHANGED group-member: group-member: standby -> active (keepalived_master) "
                        + "[from=standby node=2 reason=keepalived_master role=group-member to=active]\n");
    }
}
