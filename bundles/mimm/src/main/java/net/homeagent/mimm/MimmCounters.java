package net.homeagent.mimm;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import net.homeagent.mimm.HandoffDecision.Rule;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Reason;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Verdict;

/**
 * Counts what the advisor saw and said. One increment per Request Handoff: the decision rule that
 * matched (which fixes the verdict and the reason), or the problem that refused it; the requests,
 * verdicts and reasons are sums of those, made when read. Three adders per request, as before, were
 * about a fifth of the advisor's own CPU samples (docs/PERFORMANCE.md "MIMM").
 */
final class MimmCounters {

    private final Map<String, LongAdder> problems = new ConcurrentHashMap<>();
    private final Map<Rule, LongAdder> rules = new EnumMap<>(Rule.class);

    MimmCounters() {
        // filled once: the EnumMap is only read afterwards, so it needs no lock
        for (Rule rule : Rule.values()) {
            rules.put(rule, new LongAdder());
        }
    }

    /** @param problemKey one of a closed set of fixed texts (the codecs' counter keys) */
    void problem(String problemKey) {
        problems.computeIfAbsent(problemKey, k -> new LongAdder()).increment();
    }

    /** Advice given by {@code rule}. */
    void advice(Rule rule) {
        rules.get(rule).increment();
    }

    MimmStatistics snapshot() {
        long requests = 0;
        Map<String, Long> problemCounts = new TreeMap<>();
        for (Map.Entry<String, LongAdder> problem : problems.entrySet()) {
            long count = problem.getValue().sum();
            problemCounts.put(problem.getKey(), count);
            requests += count;
        }
        Map<Verdict, Long> verdictCounts = new EnumMap<>(Verdict.class);
        Map<Reason, Long> reasonCounts = new EnumMap<>(Reason.class);
        for (Verdict verdict : Verdict.values()) {
            verdictCounts.put(verdict, 0L);
        }
        for (Reason reason : Reason.values()) {
            reasonCounts.put(reason, 0L);
        }
        for (Map.Entry<Rule, LongAdder> rule : rules.entrySet()) {
            long count = rule.getValue().sum();
            verdictCounts.merge(rule.getKey().verdict, count, Long::sum);
            reasonCounts.merge(rule.getKey().reason, count, Long::sum);
            requests += count;
        }
        return new MimmStatistics(requests, problemCounts, verdictCounts, reasonCounts);
    }
}
