package net.homeagent.mimm.network;

import static net.homeagent.mimm.Fixtures.binding;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import net.homeagent.mimm.Fixtures;
import net.homeagent.mip.api.BindingKey;
import net.homeagent.mip.api.TunnelCounters;
import net.homeagent.mip.api.TunnelCounters.Scope;
import net.homeagent.mip.api.TunnelSpec;

class ForwardedTrafficTest {

    private static final long SECOND = 1_000_000_000L;

    private final ForwardedTraffic traffic = new ForwardedTraffic(Fixtures.plan());
    private final Map<BindingKey, TunnelCounters> counters = new HashMap<>();

    private final TunnelSpec inOne = TunnelSpec.of(binding("10.0.0.1", "10.1.0.1"));
    private final TunnelSpec alsoInOne = TunnelSpec.of(binding("10.0.0.2", "10.1.0.2"));
    private final TunnelSpec inTwo = TunnelSpec.of(binding("10.0.0.3", "172.16.5.5"));
    private final TunnelSpec inNoNetwork = TunnelSpec.of(binding("10.0.0.4", "192.0.2.44"));

    private void octets(TunnelSpec tunnel, long tunnelled, long reverse) {
        counters.put(tunnel.key(), new TunnelCounters(1, tunnelled, 1, reverse, 0, Scope.BINDING));
    }

    private void sample(long nanos, TunnelSpec... tunnels) {
        traffic.sample(List.of(tunnels), key -> Optional.ofNullable(counters.get(key)), nanos);
    }

    @Test
    void unknownUntilTwoSamplesThenKilobitsPerSecondOfBothDirectionsPerNetwork() {
        octets(inOne, 1_000_000, 0);
        sample(0, inOne, inTwo);
        assertThat(traffic.kbps(1)).isEmpty();
        octets(inOne, 1_000_000 + 250_000, 125_000);   // 375,000 octets in 2 s: 1500 kbit/s
        octets(inTwo, 50_000, 0);                      // new since the first sample: all of it counts
        sample(2 * SECOND, inOne, inTwo);
        assertThat(traffic.kbps(1)).hasValue(1500);
        assertThat(traffic.kbps(2)).hasValue(200);
        assertThat(traffic.kbps(3)).hasValue(0);
        assertThat(traffic.kbps(9)).isEmpty();
    }

    @Test
    void aTunnelThatCameUpOrWasInstalledAgainIsCountedFromZeroAndAGoneOneTakesNothingBack() {
        octets(inOne, 800_000, 0);
        octets(alsoInOne, 900_000, 0);
        sample(0, inOne, alsoInOne);
        octets(inOne, 100_000, 0);                     // went back: removed and installed again
        sample(SECOND, inOne);                         // alsoInOne gone
        assertThat(traffic.kbps(1)).hasValue(800);
    }

    @Test
    void aTunnelSharedByEveryBindingAtOneCareOfAddressCountsOnce() {
        TunnelSpec sameCareOf = TunnelSpec.of(binding("10.0.0.9", "10.1.0.1"));
        counters.put(inOne.key(), new TunnelCounters(0, 0, 0, 0, 0, Scope.SHARED_TUNNEL));
        counters.put(sameCareOf.key(), new TunnelCounters(0, 0, 0, 0, 0, Scope.SHARED_TUNNEL));
        sample(0, inOne, sameCareOf);
        counters.put(inOne.key(), new TunnelCounters(9, 125_000, 0, 0, 0, Scope.SHARED_TUNNEL));
        counters.put(sameCareOf.key(), new TunnelCounters(9, 125_000, 0, 0, 0, Scope.SHARED_TUNNEL));
        sample(SECOND, inOne, sameCareOf);
        assertThat(traffic.kbps(1)).hasValue(1000);
    }

    @Test
    void tunnelsInNoNetworkOrWithoutCountersAreLeftOut() {
        octets(inNoNetwork, 0, 0);
        sample(0, inNoNetwork, inTwo);
        octets(inNoNetwork, 10_000_000, 0);
        sample(SECOND, inNoNetwork, inTwo);
        assertThat(Fixtures.plan().networks()).allSatisfy(n -> assertThat(traffic.kbps(n.id())).hasValue(0));
    }

    @Test
    void withoutADataPlaneTheFiguresAreUnknownUntilTwoSamplesAgain() {
        octets(inOne, 0, 0);
        sample(0, inOne);
        octets(inOne, 125_000, 0);
        sample(SECOND, inOne);
        assertThat(traffic.kbps(1)).hasValue(1000);
        traffic.unavailable();
        assertThat(traffic.kbps(1)).isEqualTo(OptionalLong.empty());
        octets(inOne, 250_000, 0);
        sample(2 * SECOND, inOne);
        assertThat(traffic.kbps(1)).isEmpty();         // a new baseline, not 250,000 octets at once
        octets(inOne, 375_000, 0);
        sample(3 * SECOND, inOne);
        assertThat(traffic.kbps(1)).hasValue(1000);
    }
}
