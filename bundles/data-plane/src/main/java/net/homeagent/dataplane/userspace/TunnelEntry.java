package net.homeagent.dataplane.userspace;

import java.util.concurrent.atomic.LongAdder;

import net.homeagent.dataplane.packet.TunnelEndpoint;
import net.homeagent.mip.api.TunnelCounters;
import net.homeagent.mip.api.TunnelSpec;

/** One installed binding of the user-space forwarder, with its counters. */
final class TunnelEntry {

    final TunnelSpec spec;
    final TunnelEndpoint endpoint;
    final LongAdder packetsTunnelled = new LongAdder();
    final LongAdder bytesTunnelled = new LongAdder();
    final LongAdder packetsReverse = new LongAdder();
    final LongAdder bytesReverse = new LongAdder();
    final LongAdder refusedReverse = new LongAdder();

    TunnelEntry(TunnelSpec spec, int udpLocalPort) {
        this.spec = spec;
        this.endpoint = TunnelEndpoint.of(spec, udpLocalPort);
    }

    TunnelCounters counters() {
        return new TunnelCounters(packetsTunnelled.sum(), bytesTunnelled.sum(), packetsReverse.sum(),
                bytesReverse.sum(), refusedReverse.sum(), TunnelCounters.Scope.BINDING);
    }
}
