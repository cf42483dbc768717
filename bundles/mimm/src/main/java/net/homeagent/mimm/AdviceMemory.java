package net.homeagent.mimm;

import java.net.Inet4Address;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last advice given to each mobile, for the operator. Bounded: past {@code capacity} home
 * addresses the one advised longest ago is forgotten, so that mobiles that came and went cannot
 * grow it without end.
 */
final class AdviceMemory {

    private final Map<Inet4Address, GivenAdvice> last;

    AdviceMemory(int capacity) {
        this.last = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Inet4Address, GivenAdvice> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void remember(Inet4Address homeAddress, GivenAdvice advice) {
        // remove first: re-inserting moves the mobile to the young end, so the eldest is the longest ago
        last.remove(homeAddress);
        last.put(homeAddress, advice);
    }

    synchronized Optional<GivenAdvice> last(Inet4Address homeAddress) {
        return Optional.ofNullable(last.get(homeAddress));
    }
}
