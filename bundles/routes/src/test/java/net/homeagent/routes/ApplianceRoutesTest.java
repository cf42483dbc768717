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

    @Test
    void anEventReachesTheNotifierTheListenersAndTheOperatorEndpointOnce() throws Exception {
        MutableClock clock = MutableClock.at("2026-12-01T10:00:00Z");
        FakeBindingStore store = new FakeBindingStore();
        ApplianceWatch watch = new ApplianceWatch(() -> store, () -> null, () -> null, () -> null, clock, 0, 0, 20, 10);
        camel.addRoutes(new ApplianceRoutes(() -> e -> notified.add(e), new AuditLog(new BindingTally()), heard::add, watch, e -> { },
                store::size, List.of("mock:operator"), Set.of(Kind.FAILURE), 10));
        camel.start();
        MockEndpoint operator = camel.getEndpoint("mock:operator", MockEndpoint.class);
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
}
