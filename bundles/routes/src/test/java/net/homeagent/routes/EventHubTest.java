package net.homeagent.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.events.ApplianceEvent.Kind;
import net.homeagent.mip.api.testing.MutableClock;

class EventHubTest {

    private final MutableClock clock = MutableClock.at("2026-12-01T10:00:00Z");

    @Test
    void aFullQueueDropsAndCountsWithoutBlocking() {
        EventHub hub = new EventHub(2, clock);
        assertThat(hub.publish(event(1))).isTrue();
        assertThat(hub.publish(event(2))).isTrue();
        assertThat(hub.publish(event(3))).isFalse();
        assertThat(hub.dropped()).isEqualTo(1);
        assertThat(hub.waiting()).isEqualTo(2);
    }

    @Test
    void theDrainDeliversInOrderAndGoesOnAfterARouteFailure() throws Exception {
        EventHub hub = new EventHub(16, clock);
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

    private ApplianceEvent event(int n) {
        return ApplianceEvent.of(Kind.FAILURE, Instant.EPOCH, "test", Integer.toString(n), Map.of());
    }
}
