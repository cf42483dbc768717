package net.homeagent.mimm;

import java.net.Inet4Address;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last advice given to each mobile, for the operator. Bounded: past {@code capacity} home
 * addresses the one advised (or looked up with {@code mimm:advice}) longest ago is forgotten, so
 * that mobiles that came and went cannot grow it without end.
 */
final class AdviceMemory {

    private final Map<Inet4Address, GivenAdvice> last;

    AdviceMemory(int capacity) {
        // access order: a put for a mobile it holds replaces the value and moves the entry to the
        // young end in place. Removing and putting it again, as before, made a new entry per
        // Request Handoff (with the clock read, a quarter of the advisor's own CPU samples,
        // docs/PERFORMANCE.md "MIMM")
        this.last = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Inet4Address, GivenAdvice> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void remember(Inet4Address homeAddress, GivenAdvice advice) {
        last.put(homeAddress, advice);
    }

    synchronized Optional<GivenAdvice> last(Inet4Address homeAddress) {
        return Optional.ofNullable(last.get(homeAddress));
    }
}
