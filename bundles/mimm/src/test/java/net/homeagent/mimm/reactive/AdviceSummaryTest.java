package net.homeagent.mimm.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.homeagent.mimm.MimmStatistics;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Verdict;

class AdviceSummaryTest {

    private final Map<String, Long> counters = new HashMap<>(Map.of("go", 5L, "advice_sent", 2L));
    private final Instant t0 = Instant.parse("2026-12-07T03:00:00Z");

    @Test
    void oneEventPerIntervalWithWhatMovedAndNoneWhenNothingDid() {
        AdviceSummary summary = new AdviceSummary(() -> Map.copyOf(counters), t0);
        assertThat(summary.next(t0.plusSeconds(60))).isEmpty();

        counters.put("go", 9L);
        counters.put("not_now", 1L);
        ApplianceEvent event = summary.next(t0.plusSeconds(120)).orElseThrow();
        assertThat(event.kind()).isEqualTo(ApplianceEvent.Kind.MIMM_ADVICE);
        assertThat(event.details()).isEqualTo(Map.of("go", "4", "not_now", "1", "seconds", "60"));
        assertThat(event.text()).isEqualTo("MIMM advice in the last 60 s: {go=4, not_now=1}");

        assertThat(summary.next(t0.plusSeconds(180))).isEmpty();
    }

    @Test
    void readsTheVerdictsAndTheReportedReactiveCounters() {
        MimmStatistics handoffs = new MimmStatistics(7, Map.of(), Map.of(Verdict.GO, 4L, Verdict.NOT_NOW, 2L), Map.of());
        Map<String, Long> all = AdviceSummary.counters(handoffs, Map.of("advice_sent", 3L, "advice_acked", 2L,
                "inbound_malformed", 9L));
        assertThat(all).containsEntry("requests", 7L).containsEntry("go", 4L).containsEntry("not_now", 2L)
                .containsEntry("advice_sent", 3L).containsEntry("advice_acked", 2L).containsEntry("advice_gave_up", 0L)
                .doesNotContainKey("inbound_malformed");
    }
}
