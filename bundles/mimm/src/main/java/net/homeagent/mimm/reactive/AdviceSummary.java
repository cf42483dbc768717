package net.homeagent.mimm.reactive;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import net.homeagent.mimm.MimmStatistics;
import net.homeagent.mip.api.events.ApplianceEvent;

/**
 * The advisor's advice as {@link ApplianceEvent.Kind#MIMM_ADVICE} events, summarised: a Request
 * Handoff is answered at registration rate (thousands a second on a loaded box), which the event
 * routes must not carry one by one. Each call of {@link #next} compares the counters with the last
 * call's and makes one event of what moved (go, not now, no; pushes sent, acked, given up; pulls; ...),
 * or none when nothing did. Called every {@code adviceEventSeconds}: at most one event per interval.
 */
final class AdviceSummary {

    private final Supplier<Map<String, Long>> counters;
    private Map<String, Long> last;
    private Instant lastAt;

    /**
     * @param counters the advisor's counters now, by name (Request Handoff verdicts and reactive
     *                 advice counters); only those that grow
     */
    AdviceSummary(Supplier<Map<String, Long>> counters, Instant start) {
        this.counters = counters;
        this.last = Map.copyOf(counters.get());
        this.lastAt = start;
    }

    /** The reactive advice counters a summary reports (the others are in mimm:alerts). */
    private static final java.util.List<ReactiveCount> REPORTED = java.util.List.of(ReactiveCount.ADVICE_SENT,
            ReactiveCount.ADVICE_RETRANSMITTED, ReactiveCount.ADVICE_ACKED, ReactiveCount.ADVICE_GAVE_UP,
            ReactiveCount.ADVICE_ON_ARRIVAL, ReactiveCount.PULLS_ANSWERED_ADVICE, ReactiveCount.PULLS_ANSWERED_NOTHING);

    /**
     * The counters a summary reads: Request Handoffs received and answered by verdict ({@code requests},
     * {@code go}, {@code not_now}, {@code no}), then the reactive advice counters of {@link #REPORTED}
     * by their {@code mimm:alerts} names.
     */
    static Map<String, Long> counters(MimmStatistics handoffs, Map<String, Long> reactive) {
        Map<String, Long> all = new HashMap<>();
        all.put("requests", handoffs.requests());
        handoffs.byVerdict().forEach((verdict, n) -> all.put(verdict.name().toLowerCase(java.util.Locale.ROOT), n));
        for (ReactiveCount c : REPORTED) {
            String name = c.name().toLowerCase(java.util.Locale.ROOT);
            all.put(name, reactive.getOrDefault(name, 0L));
        }
        return all;
    }

    /** The summary since the last call, empty if no counter moved. */
    synchronized Optional<ApplianceEvent> next(Instant now) {
        Map<String, Long> current = counters.get();
        Map<String, Long> moved = new TreeMap<>();
        current.forEach((name, value) -> {
            long delta = value - last.getOrDefault(name, 0L);
            if (delta != 0) {
                moved.put(name, delta);
            }
        });
        // rounded: a schedule of N s runs a few ms early or late
        long seconds = Math.round(Duration.between(lastAt, now).toMillis() / 1000.0);
        last = Map.copyOf(current);
        lastAt = now;
        if (moved.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> details = new HashMap<>();
        moved.forEach((name, delta) -> details.put(name, String.valueOf(delta)));
        details.put("seconds", String.valueOf(seconds));
        return Optional.of(ApplianceEvent.of(ApplianceEvent.Kind.MIMM_ADVICE, now, "mimm",
                "MIMM advice in the last " + seconds + " s: " + moved, details));
    }
}
