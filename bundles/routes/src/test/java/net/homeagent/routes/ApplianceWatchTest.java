package net.homeagent.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.RegistrationStatistics.RegistrationCounters;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.events.ApplianceEvent.Kind;
import net.homeagent.mip.api.testing.FakeBindingStore;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.codec.wire.Ipv4;

class ApplianceWatchTest {

    private final MutableClock clock = MutableClock.at("2026-12-01T10:00:00Z");
    private final FakeBindingStore store = new FakeBindingStore();
    private final List<ApplianceEvent> events = new ArrayList<>();
    private final TreeMap<Integer, Long> replies = new TreeMap<>();

    @Test
    void highWaterIsRaisedOnceAndClearedBelowTheClearMark() throws Exception {
        ApplianceWatch watch = new ApplianceWatch(() -> store, () -> null, () -> null, () -> null, clock, 3, 1, 20, 10);
        for (int i = 1; i <= 4; i++) {
            store.register(binding(i), false);
            watch.tick(events::add);
        }
        assertThat(events).extracting(ApplianceEvent::kind).containsExactly(Kind.BINDING_TABLE_HIGH_WATER);
        assertThat(events.get(0).details()).containsEntry("bindings", "3").containsEntry("threshold", "3");

        store.remove(ip(4), ip(200), RemovalReason.CLEARED);
        store.remove(ip(3), ip(200), RemovalReason.CLEARED);
        watch.tick(events::add);
        assertThat(events).hasSize(1);
        store.remove(ip(2), ip(200), RemovalReason.CLEARED);
        watch.tick(events::add);
        assertThat(events).extracting(ApplianceEvent::kind).containsExactly(Kind.BINDING_TABLE_HIGH_WATER,
                Kind.BINDING_TABLE_NORMAL);
    }

    @Test
    void registrationAuthenticationFailuresInABurstRaiseOneEvent() {
        ApplianceWatch watch = new ApplianceWatch(() -> store,
                () -> () -> new RegistrationCounters(0, 0, new TreeMap<>(replies), new TreeMap<>(), 0, 0),
                () -> null, () -> null, clock, 0, 0, 10, 5);
        watch.tick(events::add);
        replies.put(131, 8L);
        replies.put(132, 2L);
        watch.tick(events::add);
        replies.put(131, 30L);
        watch.tick(events::add);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION_FAILURE_BURST);
            assertThat(e.details()).containsEntry("protocol", "registration").containsEntry("failures", "10");
        });
    }

    private static Binding binding(int home) throws Exception {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        return new Binding(ip(home), ip(200), ip(254), ip(200), 434, Optional.empty(), 1800, t, t.plusSeconds(1800), 1,
                0, Encapsulation.IP_IN_IP, false);
    }

    private static java.net.Inet4Address ip(int last) {
        return Ipv4.of(0x0a00_0000 | last);
    }
}
