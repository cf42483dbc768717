package net.homeagent.dataplane;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import net.homeagent.mip.api.BindingKey;
import net.homeagent.mip.api.DataPlane;
import net.homeagent.mip.api.DataPlaneStatus;
import net.homeagent.mip.api.TunnelCounters;
import net.homeagent.mip.api.TunnelSpec;

/**
 * What runs when nothing may be forwarded (configured off, or no privileges to program the host):
 * registrations go on, nothing is pretended, and the status says why in one line.
 */
final class DisabledDataPlane implements DataPlane {

    private final String reason;
    private final LongAdder notForwarded = new LongAdder();

    DisabledDataPlane(String reason) {
        this.reason = reason;
    }

    @Override
    public void install(TunnelSpec tunnel) {
        notForwarded.increment();
    }

    @Override
    public void update(BindingKey previous, TunnelSpec tunnel) {
        notForwarded.increment();
    }

    @Override
    public void remove(BindingKey key) {
        // nothing was installed
    }

    @Override
    public void reconcile(Collection<TunnelSpec> live) {
        notForwarded.add(live.size());
    }

    @Override
    public void takeOver(Collection<TunnelSpec> live) {
        notForwarded.add(live.size());
    }

    @Override
    public Optional<TunnelCounters> counters(BindingKey key) {
        return Optional.empty();
    }

    @Override
    public List<TunnelSpec> tunnels() {
        return List.of();
    }

    @Override
    public DataPlaneStatus status() {
        return new DataPlaneStatus("none", false, "forwarding OFF: " + reason, 0,
                List.of("binding changes not forwarded: " + notForwarded.sum()));
    }
}
