package net.homeagent.ha.statistics;

import static net.homeagent.ha.RequestBuilder.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.RegistrationStatistics.RegistrationCounters;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.testing.FakeBindingStore;

class HomeAgentStatisticsTest {
    private final HomeAgentStatistics statistics = new HomeAgentStatistics();

    @Test
    void countsWhatIsRecorded() {
        statistics.requestReceived();
        statistics.requestReceived();
        statistics.requestReceived();
        statistics.replied(0);
        statistics.replied(131);
        statistics.refused("bad-authenticator");
        statistics.discarded("undecodable");
        statistics.deregistered();

        RegistrationCounters counters = statistics.snapshot();

        assertThat(counters.requestsReceived()).isEqualTo(3);
        assertThat(counters.repliesByCode()).containsExactly(Map.entry(0, 1L), Map.entry(131, 1L));
        assertThat(counters.refusalsByReason()).containsExactly(Map.entry("bad-authenticator", 1L),
                Map.entry("undecodable", 1L));
        assertThat(counters.discarded()).isEqualTo(1);
        assertThat(counters.deregistrations()).isEqualTo(1);
    }

    @Test
    void countsOnlyBindingsRemovedBecauseTheyExpired() {
        FakeBindingStore store = new FakeBindingStore().listen(statistics);
        Instant start = Instant.parse("2025-03-01T12:00:00Z");
        store.register(binding("10.0.0.10", start.plusSeconds(60)), false);
        store.register(binding("10.0.0.11", start.plusSeconds(600)), false);
        store.register(binding("10.0.0.12", start.plusSeconds(60)), false);
        store.remove(ip("10.0.0.12"), ip("192.0.2.5"), RemovalReason.DEREGISTERED);

        store.expireAt(start.plusSeconds(61));

        assertThat(statistics.snapshot().expiredBindings()).isEqualTo(1);
    }

    private static Binding binding(String home, Instant expiresAt) {
        return new Binding(ip(home), ip("192.0.2.5"), ip("10.0.0.1"), ip("192.0.2.5"), 434, Optional.empty(), 60,
                expiresAt.minusSeconds(60), expiresAt, 1, 0, Encapsulation.IP_IN_IP, false);
    }
}
