package net.homeagent.mimm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import net.homeagent.mimm.HandoffDecision.Rule;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Reason;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Verdict;

class MimmCountersTest {

    @Test
    void verdictsReasonsAndRequestsAreTheSumsOfTheRulesThatMatchedAndTheProblems() {
        MimmCounters counters = new MimmCounters();
        counters.advice(Rule.ROOM_IN_TARGET);
        counters.advice(Rule.ROOM_IN_TARGET);
        counters.advice(Rule.TARGET_FULL_MOBILES);
        counters.advice(Rule.TARGET_FULL_BANDWIDTH);
        counters.advice(Rule.TARGET_UNKNOWN);
        counters.problem("Request Handoff length");

        MimmStatistics stats = counters.snapshot();

        assertThat(stats.requests()).isEqualTo(6);
        assertThat(stats.byVerdict()).isEqualTo(Map.of(Verdict.GO, 2L, Verdict.NOT_NOW, 2L, Verdict.NO, 1L));
        assertThat(stats.byReason()).containsEntry(Reason.NONE, 2L).containsEntry(Reason.TARGET_FULL_MOBILES, 1L)
                .containsEntry(Reason.TARGET_FULL_BANDWIDTH, 1L).containsEntry(Reason.TARGET_UNKNOWN, 1L)
                .hasSize(Reason.values().length);
        assertThat(stats.refusedByProblem()).isEqualTo(Map.of("Request Handoff length", 1L));
    }
}
