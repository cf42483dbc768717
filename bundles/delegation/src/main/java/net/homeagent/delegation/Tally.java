package net.homeagent.delegation;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one side of the delegation, one per constant of {@code E}: a closed set, so that what
 * a peer sends can never create a counter, and the shell lists them in a fixed order.
 */
public final class Tally<E extends Enum<E>> {

    private final Class<E> kinds;
    private final Map<E, LongAdder> counts;

    public Tally(Class<E> kinds) {
        this.kinds = kinds;
        counts = new EnumMap<>(kinds);
        for (E kind : kinds.getEnumConstants()) {
            counts.put(kind, new LongAdder());
        }
    }

    public void increment(E kind) {
        counts.get(kind).increment();
    }

    public void add(E kind, long amount) {
        counts.get(kind).add(amount);
    }

    public long get(E kind) {
        return counts.get(kind).sum();
    }

    /** Every counter, zeros included, in declaration order. */
    public Map<E, Long> all() {
        Map<E, Long> copy = new EnumMap<>(kinds);
        counts.forEach((kind, count) -> copy.put(kind, count.sum()));
        return copy;
    }
}
