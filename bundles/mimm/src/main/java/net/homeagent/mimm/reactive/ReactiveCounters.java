package net.homeagent.mimm.reactive;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts of reactive advice, and of the problems by their fixed counter key (LongAdder: many threads). */
public final class ReactiveCounters {

    private final Map<ReactiveCount, LongAdder> counts = new EnumMap<>(ReactiveCount.class);
    private final Map<String, LongAdder> problems = new ConcurrentHashMap<>();

    ReactiveCounters() {
        // filled once, then only read: no lock needed
        for (ReactiveCount c : ReactiveCount.values()) {
            counts.put(c, new LongAdder());
        }
    }

    void count(ReactiveCount c) {
        counts.get(c).increment();
    }

    void problem(String key) {
        problems.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    long get(ReactiveCount c) {
        return counts.get(c).sum();
    }

    /** Every counter by name, then the problems by key. */
    public Map<String, Long> snapshot() {
        Map<String, Long> all = new java.util.LinkedHashMap<>();
        counts.forEach((c, n) -> all.put(c.name().toLowerCase(java.util.Locale.ROOT), n.sum()));
        Map<String, Long> sorted = new TreeMap<>();
        problems.forEach((k, n) -> sorted.put(k, n.sum()));
        all.putAll(sorted);
        return all;
    }
}
