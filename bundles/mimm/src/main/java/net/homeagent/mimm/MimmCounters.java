package net.homeagent.mimm;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import net.homeagent.mip.codec.mimm.HandoffAdvice;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Reason;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Verdict;

/** Counts what the advisor saw and said; cheap on the registration path (LongAdder). */
final class MimmCounters {

    private final LongAdder requests = new LongAdder();
    private final Map<String, LongAdder> problems = new ConcurrentHashMap<>();
    private final Map<Verdict, LongAdder> verdicts = new EnumMap<>(Verdict.class);
    private final Map<Reason, LongAdder> reasons = new EnumMap<>(Reason.class);

    MimmCounters() {
        // filled once: the EnumMaps are only read afterwards, so they need no lock
        for (Verdict verdict : Verdict.values()) {
            verdicts.put(verdict, new LongAdder());
        }
        for (Reason reason : Reason.values()) {
            reasons.put(reason, new LongAdder());
        }
    }

    void request() {
        requests.increment();
    }

    /** @param problemKey one of a closed set of fixed texts (the codecs' counter keys) */
    void problem(String problemKey) {
        problems.computeIfAbsent(problemKey, k -> new LongAdder()).increment();
    }

    void advice(HandoffAdvice advice) {
        verdicts.get(advice.verdict()).increment();
        reasons.get(advice.reason()).increment();
    }

    MimmStatistics snapshot() {
        Map<String, Long> problemCounts = new TreeMap<>();
        problems.forEach((key, count) -> problemCounts.put(key, count.sum()));
        Map<Verdict, Long> verdictCounts = new EnumMap<>(Verdict.class);
        verdicts.forEach((verdict, count) -> verdictCounts.put(verdict, count.sum()));
        Map<Reason, Long> reasonCounts = new EnumMap<>(Reason.class);
        reasons.forEach((reason, count) -> reasonCounts.put(reason, count.sum()));
        return new MimmStatistics(requests.sum(), problemCounts, verdictCounts, reasonCounts);
    }
}
