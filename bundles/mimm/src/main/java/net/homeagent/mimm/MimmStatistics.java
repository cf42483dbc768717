package net.homeagent.mimm;

import java.util.Map;

import net.homeagent.mip.codec.mimm.HandoffAdvice.Reason;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Verdict;

/**
 * The advisor's counters at one moment, for {@code mimm:stats}.
 *
 * @param requests  Request Handoffs received (well formed or not)
 * @param refusedByProblem malformed or misplaced Request Handoffs, by what was wrong
 * @param byVerdict advice given, by verdict
 * @param byReason  advice given, by reason
 */
public record MimmStatistics(long requests, Map<String, Long> refusedByProblem, Map<Verdict, Long> byVerdict,
        Map<Reason, Long> byReason) {
}
