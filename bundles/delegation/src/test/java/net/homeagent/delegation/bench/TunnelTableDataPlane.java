package net.homeagent.delegation.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.homeagent.mip.api.BindingKey;
import net.homeagent.mip.api.DataPlane;
import net.homeagent.mip.api.DataPlaneStatus;
import net.homeagent.mip.api.TunnelCounters;
import net.homeagent.mip.api.TunnelSpec;

/**
 * The SHA's data plane in {@link DelegationMeasurement}: the table of tunnels every data plane keeps,
 * and nothing else (the host's routes and ARP are not in the figure). Not the tests'
 * {@code FakeDataPlane}, which also records every call as a line of text for a test to wait on: for
 * 100,000 delegations a round that was 200,000 strings formatted and queued, never read, a cost of the
 * fake and not of delegation.
 */
final class TunnelTableDataPlane implements DataPlane {

    private final Map<BindingKey, TunnelSpec> tunnels = new HashMap<>();

    @Override
    public synchronized void install(TunnelSpec tunnel) {
        tunnels.put(tunnel.key(), tunnel);
    }

    @Override
    public synchronized void update(BindingKey previous, TunnelSpec tunnel) {
        tunnels.remove(previous);
        tunnels.put(tunnel.key(), tunnel);
    }

    @Override
    public synchronized void remove(BindingKey key) {
        tunnels.remove(key);
    }

    @Override
    public synchronized void reconcile(Collection<TunnelSpec> live) {
        tunnels.clear();
        live.forEach(t -> tunnels.put(t.key(), t));
    }

    @Override
    public void takeOver(Collection<TunnelSpec> live) {
        reconcile(live);
    }

    @Override
    public Optional<TunnelCounters> counters(BindingKey key) {
        return Optional.empty();
    }

    @Override
    public synchronized List<TunnelSpec> tunnels() {
        List<TunnelSpec> all = new ArrayList<>(tunnels.values());
        all.sort(TunnelSpec.BY_ADDRESSES);
        return all;
    }

    @Override
    public synchronized DataPlaneStatus status() {
        return new DataPlaneStatus("tunnel table", true, "forwarding nothing", tunnels.size(), List.of());
    }
}
