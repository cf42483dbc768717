package net.homeagent.mimm.network;

import java.net.Inet4Address;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.BindingKey;

/**
 * Live mobiles per network, kept from binding events: each binding whose care-of address lies in a
 * network's prefixes counts once there (a mobile with simultaneous bindings counts in each of its
 * networks). A request reads a counter, never the table. Adding a binding it already counts (the
 * start-up walk and an event for the same binding can cross) or removing one it never counted
 * changes nothing.
 */
public final class NetworkLoad {

    private final NetworkPlan plan;
    private final Map<BindingKey, Integer> counted = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> mobiles = new ConcurrentHashMap<>();
    /**
     * The network of each home address's latest counted binding: where a mobile's real-time sessions
     * run; null when nobody asks ({@link #networkOfHome}): kept, it is one more map update per
     * binding event (docs/PERFORMANCE.md "MIMM").
     */
    private final Map<Inet4Address, Integer> homes;

    /** Keeps the network of each home address too, for {@link #networkOfHome}. */
    public NetworkLoad(NetworkPlan plan) {
        this(plan, true);
    }

    /** @param homesAsked whether {@link #networkOfHome} will be asked (the kamailio session source does) */
    public NetworkLoad(NetworkPlan plan, boolean homesAsked) {
        this.plan = plan;
        this.homes = homesAsked ? new ConcurrentHashMap<>() : null;
        plan.networks().forEach(network -> mobiles.put(network.id(), new AtomicInteger()));
    }

    /** Counts a binding that exists (the start-up walk of the table, and ADDED events). */
    public void count(Binding binding) {
        plan.byCareOf(binding.careOfAddress()).ifPresent(network -> {
            if (counted.putIfAbsent(binding.key(), network.id()) == null) {
                mobiles.get(network.id()).incrementAndGet();
            }
            if (homes != null) {
                homes.put(binding.homeAddress(), network.id());
            }
        });
    }

    /** Follows one change of the binding table. */
    public void bindingChanged(BindingEvent event) {
        switch (event.type()) {
            case ADDED, RENEWED -> count(event.binding());
            case REMOVED -> {
                Integer network = counted.remove(event.binding().key());
                if (network != null) {
                    mobiles.get(network).decrementAndGet();
                    if (homes != null) {
                        homes.remove(event.binding().homeAddress(), network);
                    }
                }
            }
        }
    }

    /** Mobiles attached to network {@code networkId} now (0 for a network it does not know). */
    public int mobiles(int networkId) {
        AtomicInteger count = mobiles.get(networkId);
        return count == null ? 0 : count.get();
    }

    /**
     * The network where the mobile with this home address is attached (the care-of address of its
     * latest counted binding), empty when it has no binding in a known network.
     */
    public OptionalInt networkOfHome(Inet4Address homeAddress) {
        if (homes == null) {
            throw new IllegalStateException("made without the home addresses' networks (homesAsked false)");
        }
        Integer network = homes.get(homeAddress);
        return network == null ? OptionalInt.empty() : OptionalInt.of(network);
    }

    /** Whether this very binding (home and care-of address) is already counted in network {@code networkId}. */
    public boolean isCountedIn(BindingKey key, int networkId) {
        Integer network = counted.get(key);
        return network != null && network == networkId;
    }
}
