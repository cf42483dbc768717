package net.homeagent.group;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The group's counters by name (transitions {@code from->to}, drops by reason, replication and
 * learn figures), for {@code group:stats}. Names are a closed set chosen here, never peer data.
 */
final class GroupCounters {

    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

    void increment(String name) {
        add(name, 1);
    }

    void add(String name, long amount) {
        counters.computeIfAbsent(name, n -> new LongAdder()).add(amount);
    }

    long get(String name) {
        LongAdder adder = counters.get(name);
        return adder == null ? 0 : adder.sum();
    }

    /** Every counter that was ever incremented, sorted by name. */
    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((name, adder) -> copy.put(name, adder.sum()));
        return copy;
    }
}
