package net.homeagent.hacn;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Named event counters of one side of the control node protocol, for its shell command and tests. */
public final class Counters {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void increment(String name) {
        counts.computeIfAbsent(name, n -> new LongAdder()).increment();
    }

    /** Adds {@code amount} (a count of things, e.g. the bindings of a download) to counter {@code name}. */
    public void add(String name, long amount) {
        counts.computeIfAbsent(name, n -> new LongAdder()).add(amount);
    }

    public long get(String name) {
        LongAdder count = counts.get(name);
        return count == null ? 0 : count.sum();
    }

    /** Every counter that counted something, by name. */
    public SortedMap<String, Long> all() {
        SortedMap<String, Long> copy = new TreeMap<>();
        counts.forEach((name, count) -> copy.put(name, count.sum()));
        return copy;
    }
}
