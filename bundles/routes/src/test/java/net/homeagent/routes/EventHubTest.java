package net.homeagent.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.events.ApplianceEvent.Kind;
import net.homeagent.mip.api.testing.MutableClock;

class EventHubTest {

    private final MutableClock clock = MutableClock.at("2026-12-01T10:00:00Z");

    @Test
    void aFullQueueDropsAndCountsWithoutBlocking() {
        EventHub hub = new EventHub(2, false, clock);
        assertThat(hub.publish(event(1))).isTrue();
        assertThat(hub.publish(event(2))).isTrue();
        assertThat(hub.publish(event(3))).isFalse();
        assertThat(hub.dropped()).isEqualTo(1);
        assertThat(hub.waiting()).isEqualTo(2);
    }

    @Test
    void theDrainDeliversInOrderAndGoesOnAfterARouteFailure() throws Exception {
        EventHub hub = new EventHub(16, false, clock);
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch three = new CountDownLatch(3);
        for (int i = 1; i <= 3; i++) {
            hub.publish(event(i));
        }
        hub.start(e -> {
            three.countDown();
            if (e.text().equals("2")) {
                throw new IllegalStateException("a leg failed");
            }
            seen.add(e.text());
        });
        assertThat(three.await(10, TimeUnit.SECONDS)).isTrue();
        hub.stop();
        assertThat(seen).containsExactly("1", "3");
        assertThat(hub.failed()).isEqualTo(1);
        assertThat(hub.delivered()).isEqualTo(2);
    }

    @Test
    void bindingsAreCountedForTheSummaryAndQueuedOnlyWhenAnOperatorEndpointWantsThem() throws Exception {
        EventHub counting = new EventHub(16, false, clock);
        EventHub forwarding = new EventHub(16, true, clock);
        Binding b = binding();
        for (EventHub hub : List.of(counting, forwarding)) {
            hub.bindingChanged(BindingEvent.added(b));
            hub.bindingChanged(BindingEvent.renewed(b, b));
            hub.bindingChanged(BindingEvent.removed(b, RemovalReason.EXPIRED));
            hub.bindingChanged(BindingEvent.removed(b, RemovalReason.REPLACED));
        }
        assertThat(counting.waiting()).isZero();
        assertThat(forwarding.waiting()).isEqualTo(3);
        assertThat(new AuditLog(counting.bindings()).summarize(7))
                .isEqualTo("BINDINGS added 1, removed 2 (EXPIRED 1, REPLACED 1), table 7");
        assertThat(new AuditLog(counting.bindings()).summarize(7)).as("nothing since the last summary").isNull();
    }

    private static Binding binding() throws Exception {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        return new Binding((Inet4Address) InetAddress.getByName("10.0.0.1"), (Inet4Address) InetAddress.getByName("192.0.2.1"),
                (Inet4Address) InetAddress.getByName("10.0.0.254"), (Inet4Address) InetAddress.getByName("192.0.2.1"), 434,
                Optional.empty(), 1800, t, t.plusSeconds(1800), 1, 0, Encapsulation.IP_IN_IP, false);
    }

    private ApplianceEvent event(int n) {
        return ApplianceEvent.of(Kind.FAILURE, Instant.EPOCH, "test", Integer.toString(n), Map.of());
    }
}
