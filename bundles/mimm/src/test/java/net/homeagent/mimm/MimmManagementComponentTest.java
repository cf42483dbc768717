package net.homeagent.mimm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import net.homeagent.mimm.AdvisorView.NetworkStatus;
import net.homeagent.mimm.network.RealTimeSessionSource.SessionLoad;
import net.homeagent.mimm.reactive.Alert;
import net.homeagent.mimm.reactive.AlertsView;
import net.homeagent.mip.api.management.MimmAdvisorView;
import net.homeagent.mip.api.management.MimmAdvisorView.AlertRow;
import net.homeagent.mip.api.management.MimmAdvisorView.NetworkRow;
import net.homeagent.mip.codec.mimm.AlertReason;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Reason;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Verdict;

class MimmManagementComponentTest {

    private final AdvisorView advisor = new AdvisorView() {
        @Override
        public List<NetworkStatus> networks() {
            return List.of(new NetworkStatus(Fixtures.plan().byId(1).orElseThrow(), 1, new SessionLoad(2, 160), OptionalLong.empty()));
        }

        @Override
        public Optional<GivenAdvice> lastAdvice(Inet4Address homeAddress) {
            return Optional.empty();
        }

        @Override
        public MimmStatistics statistics() {
            return new MimmStatistics(6, Map.of(), Map.of(Verdict.GO, 3L, Verdict.NO, 2L), Map.of(Reason.NONE, 3L));
        }

        @Override
        public String sessionSource() {
            return "static";
        }

        @Override
        public boolean sessionsKnown() {
            return true;
        }
    };

    private final Alert alert = new Alert(7, "wlan-a", List.of(1), AlertReason.SECURITY, -1, OptionalInt.of(2),
            Instant.parse("2026-12-07T03:00:00Z"), Optional.empty(), "127.0.0.1/40000");

    private final AlertsView reactive = new AlertsView() {
        @Override
        public List<Alert> alerts() {
            return List.of(alert);
        }

        @Override
        public Optional<Alert> clear(int id) {
            return Optional.empty();
        }

        @Override
        public Map<String, Long> counters() {
            return Map.of("advice_sent", 4L, "advice_acked", 3L, "advice_gave_up", 1L, "pulls", 5L);
        }

        @Override
        public int queued() {
            return 0;
        }

        @Override
        public int unacknowledged() {
            return 0;
        }
    };

    @Test
    void networksCountersAndAlertsAsTheManagerReadsThem() {
        MimmAdvisorView view = new MimmManagementComponent(advisor, reactive);
        // wlan-a: 1 of 2 mobiles (50 %), 160 of 1000 kbit/s (16 %): the scarcer is 50 %
        assertThat(view.networks()).containsExactly(new NetworkRow(1, "wlan-a", "wlan", 2, 1000, 1, 2, 160, true));
        assertThat(view.networks().get(0).loadPercent()).isEqualTo(50);
        assertThat(view.counters()).isEqualTo(new MimmAdvisorView.Counters(6, 3, 0, 2, 4, 3, 1, 5));
        assertThat(view.alerts()).containsExactly(new AlertRow(7, "wlan-a", List.of(1), 4, -1, 2,
                Instant.parse("2026-12-07T03:00:00Z"), Optional.empty()));
    }

    @Test
    void withoutReactiveAdviceTheAlertsAreNoneAndThePushesZero() {
        MimmAdvisorView view = new MimmManagementComponent(advisor, null);
        assertThat(view.alerts()).isEmpty();
        assertThat(view.counters()).isEqualTo(new MimmAdvisorView.Counters(6, 3, 0, 2, 0, 0, 0, 0));
    }
}
