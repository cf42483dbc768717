package net.homeagent.mimm.network;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

import net.homeagent.mip.api.BindingKey;
import net.homeagent.mip.api.TunnelCounters;
import net.homeagent.mip.api.TunnelSpec;

/**
 * The traffic the home agent forwards for each network, from the data plane's tunnel counters
 * (docs/mimm.md, "Forwarded traffic"): every {@link #sample} reads each tunnel's octets (to the
 * care-of address and reverse-tunnelled from it) and credits what is new since the last sample to
 * the network of the tunnel's care-of address; the rate is kbit/s over the time between the two
 * samples. A network's figure is unknown until two samples were taken with a data plane that
 * counts, and again when a sample is missed (no data plane). Called from one thread.
 *
 * <p>Counters are per tunnel, and a tunnel's counters start at 0 when it is installed: a tunnel seen
 * for the first time after the first sample is credited from 0 (it came up within the interval),
 * one whose counters went back (removed and installed again) is credited from 0 too; a tunnel gone
 * takes nothing back. A kernel tunnel that every binding at one care-of address shares
 * ({@link TunnelCounters.Scope#SHARED_TUNNEL}) is counted once, by care-of address.
 */
public final class ForwardedTraffic {

    private final NetworkPlan plan;
    /** Octets of each counted tunnel (a {@link BindingKey}, or the care-of address of a shared one) at the last sample. */
    private Map<Object, Long> lastOctets = new HashMap<>();
    private long lastNanos;
    private boolean baseline;
    private volatile Map<Integer, Long> kbps = Map.of();

    public ForwardedTraffic(NetworkPlan plan) {
        this.plan = plan;
    }

    /**
     * Takes a sample of every installed tunnel.
     *
     * @param tunnels  the data plane's installed tunnels
     * @param counters a tunnel's counters (empty: the data plane does not count it)
     * @param nanos    a monotonic clock reading ({@link System#nanoTime()})
     */
    public void sample(Collection<TunnelSpec> tunnels, Function<BindingKey, Optional<TunnelCounters>> counters,
            long nanos) {
        Map<Object, Long> octets = new HashMap<>(Math.max(16, tunnels.size() * 4 / 3 + 1));
        Map<Integer, Long> credited = new HashMap<>();
        for (TunnelSpec tunnel : tunnels) {
            Optional<TunnelCounters> read = counters.apply(tunnel.key());
            Optional<Network> network = plan.byCareOf(tunnel.careOfAddress());
            if (read.isEmpty() || network.isEmpty()) {
                continue;
            }
            TunnelCounters c = read.get();
            Object counted = c.scope() == TunnelCounters.Scope.SHARED_TUNNEL ? tunnel.careOfAddress() : tunnel.key();
            long now = c.bytesTunnelled() + c.bytesReverse();
            if (octets.putIfAbsent(counted, now) != null) {
                continue; // a shared tunnel's other bindings
            }
            Long before = lastOctets.get(counted);
            long fresh = before == null || before > now ? now : now - before;
            credited.merge(network.get().id(), fresh, Long::sum);
        }
        if (baseline && nanos > lastNanos) {
            double seconds = (nanos - lastNanos) / 1e9;
            Map<Integer, Long> rates = new HashMap<>();
            plan.networks().forEach(n -> rates.put(n.id(),
                    Math.round(credited.getOrDefault(n.id(), 0L) * 8 / 1000.0 / seconds)));
            kbps = Map.copyOf(rates);
        }
        lastOctets = octets;
        lastNanos = nanos;
        baseline = true;
    }

    /** No data plane to read: the figures are unknown until two samples were taken again. */
    public void unavailable() {
        lastOctets = new HashMap<>();
        baseline = false;
        kbps = Map.of();
    }

    /** kbit/s forwarded for network {@code networkId} over the last interval; empty while unknown. */
    public OptionalLong kbps(int networkId) {
        Long rate = kbps.get(networkId);
        return rate == null ? OptionalLong.empty() : OptionalLong.of(rate);
    }
}
