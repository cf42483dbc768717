package net.homeagent.mimm;

import static net.homeagent.mimm.Fixtures.binding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import net.homeagent.mimm.HandoffDecision.HoldTimes;
import net.homeagent.mimm.HandoffDecision.Outcome;
import net.homeagent.mimm.HandoffDecision.Rule;
import net.homeagent.mimm.network.ForwardedTraffic;
import net.homeagent.mimm.network.NetworkLoad;
import net.homeagent.mimm.network.NetworkPlan;
import net.homeagent.mimm.network.StaticSessionSource;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Reason;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Verdict;
import net.homeagent.mip.codec.mimm.LinkType;
import net.homeagent.mip.codec.mimm.RequestHandoff;
import net.homeagent.mip.api.TunnelCounters;
import net.homeagent.mip.api.TunnelSpec;
import net.homeagent.mip.api.testing.FakeBindingStore;

class HandoffDecisionTest {

    private final NetworkPlan plan = Fixtures.plan();
    private final NetworkLoad load = new NetworkLoad(plan);
    private final FakeBindingStore store = new FakeBindingStore().listen(load::bindingChanged);
    private StaticSessionSource sessions = StaticSessionSource.parse(List.of("1=1/600", "3=0/1900"));
    private final ForwardedTraffic traffic = new ForwardedTraffic(plan);

    private HandoffDecision decision(int maxAlternatives) {
        return new HandoffDecision(plan, load, sessions, traffic, new HoldTimes(300, 30, 600), maxAlternatives);
    }

    /** Network 3 (10.3.0.0/16, 8000 kbit/s forwarded at most) forwarded {@code kbps} over the last second. */
    private void forwardedToNetworkThree(long kbps) {
        TunnelSpec tunnel = TunnelSpec.of(binding("10.0.0.7", "10.3.0.7"));
        traffic.sample(List.of(tunnel), key -> Optional.of(octets(0)), 0);
        traffic.sample(List.of(tunnel), key -> Optional.of(octets(kbps * 1000 / 8)), 1_000_000_000L);
    }

    private static TunnelCounters octets(long bytes) {
        return new TunnelCounters(1, bytes, 0, 0, 0, TunnelCounters.Scope.BINDING);
    }

    private static RequestHandoff to(int network, long kbps) {
        return new RequestHandoff(OptionalInt.of(network), 2, -60, LinkType.WLAN, 1, kbps);
    }

    @Test
    void anUnknownTargetIdIsANo() {
        Outcome outcome = decision(3).decide(to(9, 0), binding("10.0.0.1", "10.1.0.9"));
        assertThat(outcome.rule()).isEqualTo(Rule.TARGET_UNKNOWN);
        assertThat(outcome.advice().verdict()).isEqualTo(Verdict.NO);
        assertThat(outcome.advice().reason()).isEqualTo(Reason.TARGET_UNKNOWN);
        assertThat(outcome.advice().holdSeconds()).isEqualTo(600);
        assertThat(outcome.advice().targetNetwork()).isZero();
        assertThat(outcome.advice().alternatives()).isEmpty();
    }

    @Test
    void aCareOfAddressInNoNetworkIsANo() {
        RequestHandoff byCareOf = new RequestHandoff(OptionalInt.empty(), 0, -60, LinkType.WLAN, 0, 0);
        assertThat(decision(3).decide(byCareOf, binding("10.0.0.1", "192.0.2.7")).rule()).isEqualTo(Rule.TARGET_UNKNOWN);
    }

    @Test
    void theTargetByCareOfAddressIsItsNetwork() {
        RequestHandoff byCareOf = new RequestHandoff(OptionalInt.empty(), 0, -60, LinkType.WLAN, 0, 0);
        Outcome outcome = decision(3).decide(byCareOf, binding("10.0.0.1", "10.3.9.7"));
        assertThat(outcome.rule()).isEqualTo(Rule.ROOM_IN_TARGET);
        assertThat(outcome.advice().targetNetwork()).isEqualTo(4);
    }

    @Test
    void aNetworkWithRoomIsAGo() {
        Outcome outcome = decision(3).decide(to(1, 400), binding("10.0.0.1", "10.1.0.9"));
        assertThat(outcome.rule()).isEqualTo(Rule.ROOM_IN_TARGET);
        assertThat(outcome.advice().verdict()).isEqualTo(Verdict.GO);
        assertThat(outcome.advice().reason()).isEqualTo(Reason.NONE);
        assertThat(outcome.advice().holdSeconds()).isEqualTo(300);
        assertThat(outcome.advice().completed()).isFalse();
    }

    @Test
    void aNetworkFullOfMobilesIsNotNowWithTheNetworksThatHaveRoomBestFirst() {
        store.register(binding("10.0.0.1", "10.1.0.1"), false);
        store.register(binding("10.0.0.2", "10.1.0.2"), false);
        Outcome outcome = decision(3).decide(to(1, 0), binding("10.0.0.3", "10.1.0.3"));
        assertThat(outcome.rule()).isEqualTo(Rule.TARGET_FULL_MOBILES);
        assertThat(outcome.advice().verdict()).isEqualTo(Verdict.NOT_NOW);
        assertThat(outcome.advice().reason()).isEqualTo(Reason.TARGET_FULL_MOBILES);
        assertThat(outcome.advice().holdSeconds()).isEqualTo(30);
        // 2 is the mobile's own network; 4 has 49/50 and 5000/5000 kbit/s spare, 3 has 9/10 but 100/2000
        assertThat(outcome.advice().alternatives()).containsExactly(4, 3);
    }

    @Test
    void aMobileRenewingItsBindingThereIsNoNewcomer() {
        store.register(binding("10.0.0.1", "10.1.0.1"), false);
        store.register(binding("10.0.0.2", "10.1.0.2"), false);
        assertThat(decision(3).decide(to(1, 900), binding("10.0.0.2", "10.1.0.2")).rule())
                .isEqualTo(Rule.ROOM_IN_TARGET);
    }

    @Test
    void sessionsThatWouldPassTheBandwidthAreNotNow() {
        // network 1 carries 600 of 1000 kbit/s: 400 more fit, 401 do not
        assertThat(decision(3).decide(to(1, 400), binding("10.0.0.1", "10.1.0.9")).rule())
                .isEqualTo(Rule.ROOM_IN_TARGET);
        Outcome outcome = decision(3).decide(to(1, 401), binding("10.0.0.1", "10.1.0.9"));
        assertThat(outcome.rule()).isEqualTo(Rule.TARGET_FULL_BANDWIDTH);
        assertThat(outcome.advice().reason()).isEqualTo(Reason.TARGET_FULL_BANDWIDTH);
        // 3 has only 100 kbit/s left: it cannot take 401 either
        assertThat(outcome.advice().alternatives()).containsExactly(4);
    }

    @Test
    void forwardedTrafficThatWouldPassTheNetworksForwardedCapacityIsNotNow() {
        forwardedToNetworkThree(7990);
        // 7990 + 10 = 8000 fits; 11 more do not
        assertThat(decision(3).decide(to(3, 10), binding("10.0.0.1", "10.3.0.9")).rule()).isEqualTo(Rule.ROOM_IN_TARGET);
        Outcome outcome = decision(3).decide(to(3, 11), binding("10.0.0.1", "10.3.0.9"));
        assertThat(outcome.rule()).isEqualTo(Rule.TARGET_BUSY_TRAFFIC);
        assertThat(outcome.advice().verdict()).isEqualTo(Verdict.NOT_NOW);
        assertThat(outcome.advice().reason()).isEqualTo(Reason.TARGET_FULL_BANDWIDTH);
    }

    @Test
    void unknownForwardedTrafficIsNotJudged() {
        // one sample only: no rate yet; an unknown figure must not keep mobiles off a network
        traffic.sample(List.of(TunnelSpec.of(binding("10.0.0.7", "10.3.0.7"))), key -> Optional.of(octets(1L << 40)), 0);
        assertThat(decision(3).decide(to(3, 11), binding("10.0.0.1", "10.3.0.9")).rule()).isEqualTo(Rule.ROOM_IN_TARGET);
        traffic.unavailable();
        assertThat(decision(3).decide(to(3, 11), binding("10.0.0.1", "10.3.0.9")).rule()).isEqualTo(Rule.ROOM_IN_TARGET);
    }

    @Test
    void aNetworkBusyWithForwardedTrafficIsNoAlternative() {
        sessions = StaticSessionSource.parse(List.of("1=0/1000"));
        RequestHandoff fromTwo = new RequestHandoff(OptionalInt.of(1), 2, -60, LinkType.WLAN, 1, 10);
        assertThat(decision(8).decide(fromTwo, binding("10.0.0.1", "10.1.0.9")).advice().alternatives())
                .containsExactly(4, 3);
        forwardedToNetworkThree(7995);
        assertThat(decision(8).decide(fromTwo, binding("10.0.0.1", "10.1.0.9")).advice().alternatives())
                .containsExactly(4);
    }

    @Test
    void alternativesAreLimitedAndNeverTheTargetOrTheMobilesOwnNetwork() {
        sessions = StaticSessionSource.parse(List.of("1=0/1000"));
        // spare share after the newcomer: 2 min(99/100, 9990/10000), 4 min(49/50, ...), 3 min(9/10, ...)
        RequestHandoff fromOne = new RequestHandoff(OptionalInt.of(1), 1, -60, LinkType.WLAN, 1, 10);
        assertThat(decision(1).decide(fromOne, binding("10.0.0.1", "10.1.0.9")).advice().alternatives())
                .containsExactly(2);
        assertThat(decision(8).decide(fromOne, binding("10.0.0.1", "10.1.0.9")).advice().alternatives())
                .containsExactly(2, 4, 3);
        assertThat(decision(0).decide(fromOne, binding("10.0.0.1", "10.1.0.9")).advice().alternatives()).isEmpty();
    }

    @Test
    void holdTimesMustFitTheirSixteenBits() {
        assertThatThrownBy(() -> new HoldTimes(70000, 1, 1)).hasMessageContaining("0..65535");
        assertThatThrownBy(() -> new HoldTimes(1, -1, 1)).hasMessageContaining("0..65535");
    }
}
