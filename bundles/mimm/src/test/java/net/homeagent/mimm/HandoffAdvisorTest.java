package net.homeagent.mimm;

import static net.homeagent.mimm.Fixtures.binding;
import static net.homeagent.mimm.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import net.homeagent.mimm.HandoffDecision.HoldTimes;
import net.homeagent.mimm.network.ForwardedTraffic;
import net.homeagent.mimm.network.NetworkLoad;
import net.homeagent.mimm.network.NetworkPlan;
import net.homeagent.mimm.network.StaticSessionSource;
import net.homeagent.mip.codec.mimm.Decoded;
import net.homeagent.mip.codec.mimm.HandoffAdvice;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Reason;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Verdict;
import net.homeagent.mip.codec.mimm.HandoffAdviceCodec;
import net.homeagent.mip.codec.mimm.LinkType;
import net.homeagent.mip.codec.mimm.MimmVendor;
import net.homeagent.mip.codec.mimm.RequestHandoff;
import net.homeagent.mip.codec.mimm.RequestHandoffCodec;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.InboundRegistration;
import net.homeagent.mip.api.RegistrationVerdict;
import net.homeagent.mip.api.testing.FakeBindingStore;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.ReplyCode;
import net.homeagent.mip.codec.ext.VendorSpecificExtension;

/**
 * The advisor as the home agent drives it: the handler's verdict decides whether the proposed
 * binding is written to the (fake) store, whose events feed the load back.
 */
class HandoffAdvisorTest {

    private final MutableClock clock = MutableClock.at("2026-12-06T03:30:00Z");
    private final NetworkPlan plan = Fixtures.plan();
    private final NetworkLoad load = new NetworkLoad(plan);
    private final FakeBindingStore store = new FakeBindingStore().listen(load::bindingChanged);
    private final StaticSessionSource sessions = StaticSessionSource.parse(List.of("1=1/600"));
    private final ForwardedTraffic traffic = new ForwardedTraffic(plan);
    private final HandoffAdvisor advisor = new HandoffAdvisor(plan, load, sessions, traffic,
            new HandoffDecision(plan, load, sessions, traffic, new HoldTimes(300, 30, 600), 3), new AdviceMemory(100),
            clock);

    @Test
    void interpretsOnlyTheRequestHandoffCvse() {
        assertThat(advisor.interprets()).singleElement().satisfies(type -> {
            assertThat(type.critical()).isTrue();
            assertThat(type.vendorId()).isEqualTo(MimmVendor.ENTERPRISE_NUMBER);
            assertThat(type.vendorType()).isEqualTo(MimmVendor.REQUEST_HANDOFF);
        });
    }

    @Test
    void aGoPassesWithACompletedAdviceAndTheBindingMoves() {
        store.register(binding("10.0.0.1", "10.2.0.1"), false);
        RegistrationVerdict verdict = ask(binding("10.0.0.1", "10.1.0.1"), request(1, 100));

        assertThat(verdict).isInstanceOfSatisfying(RegistrationVerdict.Pass.class, pass -> {
            VendorSpecificExtension nvse = (VendorSpecificExtension) pass.replyExtensions().get(0);
            assertThat(nvse.critical()).isFalse();
            assertThat(nvse.vendorId()).isEqualTo(MimmVendor.ENTERPRISE_NUMBER);
            assertThat(nvse.vendorType()).isEqualTo(MimmVendor.HANDOFF_ADVICE);
            assertThat(HandoffAdviceCodec.decode(nvse.data())).isEqualTo(new Decoded.Valid<>(
                    new HandoffAdvice(Verdict.GO, Reason.NONE, 300, 1, List.of(), true)));
        });
        assertThat(load.mobiles(1)).isEqualTo(1);
        assertThat(load.mobiles(2)).isZero();
        assertThat(advisor.lastAdvice(ip("10.0.0.1"))).hasValueSatisfying(given -> {
            assertThat(given.at()).isEqualTo(clock.instant());
            assertThat(given.replyCode()).isZero();
            assertThat(given.rule()).isEqualTo("ROOM_IN_TARGET");
            assertThat(given.advice().completed()).isTrue();
        });
    }

    @Test
    void aFullNetworkRefusesWith200AndTheBindingStays() {
        store.register(binding("10.0.0.1", "10.1.0.1"), false);
        store.register(binding("10.0.0.2", "10.1.0.2"), false);
        store.register(binding("10.0.0.3", "10.2.0.3"), false);
        clock.advance(Duration.ofSeconds(5));

        RegistrationVerdict verdict = ask(binding("10.0.0.3", "10.1.0.3"), request(1, 0));

        assertThat(verdict).isInstanceOfSatisfying(RegistrationVerdict.Refuse.class, refuse -> {
            assertThat(refuse.replyCode()).isEqualTo(MimmVendor.REPLY_HANDOFF_NOT_NOW);
            assertThat(refuse.reason()).isEqualTo("mimm: handoff not now (TARGET_FULL_MOBILES)");
            // the mobile learns why, for how long and where else it may go
            VendorSpecificExtension nvse = (VendorSpecificExtension) refuse.replyExtensions().get(0);
            assertThat(nvse.vendorType()).isEqualTo(MimmVendor.HANDOFF_ADVICE);
            assertThat(HandoffAdviceCodec.decode(nvse.data())).isInstanceOfSatisfying(Decoded.Valid.class,
                    valid -> assertThat(valid.message()).isEqualTo(advisor.lastAdvice(ip("10.0.0.3")).orElseThrow()
                            .advice()));
        });
        assertThat(store.find(ip("10.0.0.3"))).extracting(Binding::careOfAddress).containsExactly(ip("10.2.0.3"));
        assertThat(advisor.lastAdvice(ip("10.0.0.3"))).hasValueSatisfying(given -> {
            assertThat(given.replyCode()).isEqualTo(200);
            assertThat(given.advice().verdict()).isEqualTo(Verdict.NOT_NOW);
            assertThat(given.advice().alternatives()).containsExactly(4, 3);
            assertThat(given.advice().completed()).isFalse();
        });
    }

    @Test
    void anUnknownTargetRefusesWith201() {
        assertThat(ask(binding("10.0.0.1", "10.1.0.1"), request(77, 0)))
                .isInstanceOfSatisfying(RegistrationVerdict.Refuse.class, refuse -> {
                    assertThat(refuse.replyCode()).isEqualTo(MimmVendor.REPLY_HANDOFF_REFUSED);
                    assertThat(refuse.reason()).isEqualTo("mimm: handoff refused (TARGET_UNKNOWN)");
                    assertThat(refuse.replyExtensions()).hasSize(1);
                });
        assertThat(store.size()).isZero();
    }

    @Test
    void aMalformedRequestHandoffIsRefusedWith134AndCounted() {
        VendorSpecificExtension shortOne = new VendorSpecificExtension(true, MimmVendor.ENTERPRISE_NUMBER,
                MimmVendor.REQUEST_HANDOFF, new byte[] {1, 0, 0, 1});
        RegistrationVerdict verdict = advisor.handle(inbound(binding("10.0.0.1", "10.1.0.1"), shortOne),
                binding("10.0.0.1", "10.1.0.1"), shortOne, false).toCompletableFuture().join();

        assertThat(verdict).isEqualTo(RegistrationVerdict.refuse(ReplyCode.POORLY_FORMED_REQUEST,
                "mimm: Request Handoff length"));
        MimmStatistics stats = advisor.statistics();
        assertThat(stats.requests()).isEqualTo(1);
        assertThat(stats.refusedByProblem()).containsEntry("Request Handoff length", 1L);
        assertThat(stats.byVerdict().values()).allMatch(count -> count == 0);
        assertThat(advisor.lastAdvice(ip("10.0.0.1"))).isEmpty();
    }

    @Test
    void aRequestHandoffAForeignAgentAppendedIsRefused() {
        Binding proposed = binding("10.0.0.1", "10.1.0.1");
        VendorSpecificExtension cvse = request(1, 0);
        assertThat(advisor.handle(inbound(proposed, cvse), proposed, cvse, true).toCompletableFuture().join())
                .isEqualTo(RegistrationVerdict.refuse(ReplyCode.POORLY_FORMED_REQUEST,
                        "mimm: Request Handoff after the MN-HA authenticator"));
        assertThat(advisor.statistics().refusedByProblem())
                .containsEntry("Request Handoff after the MN-HA authenticator", 1L);
    }

    @Test
    void countsAdviceByVerdictAndReason() {
        ask(binding("10.0.0.1", "10.1.0.1"), request(1, 0));
        ask(binding("10.0.0.2", "10.1.0.2"), request(1, 0));
        ask(binding("10.0.0.3", "10.1.0.3"), request(1, 0));
        ask(binding("10.0.0.4", "10.1.0.4"), request(50, 0));

        MimmStatistics stats = advisor.statistics();
        assertThat(stats.requests()).isEqualTo(4);
        assertThat(stats.byVerdict()).containsEntry(Verdict.GO, 2L).containsEntry(Verdict.NOT_NOW, 1L)
                .containsEntry(Verdict.NO, 1L);
        assertThat(stats.byReason()).containsEntry(Reason.NONE, 2L).containsEntry(Reason.TARGET_FULL_MOBILES, 1L)
                .containsEntry(Reason.TARGET_UNKNOWN, 1L).containsEntry(Reason.TARGET_FULL_BANDWIDTH, 0L);
        assertThat(advisor.networks()).filteredOn(s -> s.network().id() == 1).singleElement()
                .satisfies(s -> {
                    assertThat(s.mobiles()).isEqualTo(2);
                    assertThat(s.sessions().kbps()).isEqualTo(600);
                });
    }

    /** Asks as the home agent does, and writes the binding if the verdict lets it through. */
    private RegistrationVerdict ask(Binding proposed, VendorSpecificExtension cvse) {
        RegistrationVerdict verdict = advisor.handle(inbound(proposed, cvse), proposed, cvse, false)
                .toCompletableFuture().join();
        if (verdict instanceof RegistrationVerdict.Pass) {
            store.register(proposed, false);
        }
        return verdict;
    }

    private static VendorSpecificExtension request(int target, long kbps) {
        return new VendorSpecificExtension(true, MimmVendor.ENTERPRISE_NUMBER, MimmVendor.REQUEST_HANDOFF,
                RequestHandoffCodec.encode(new RequestHandoff(OptionalInt.of(target), 2, -70, LinkType.WLAN, 1, kbps)));
    }

    private static InboundRegistration inbound(Binding proposed, VendorSpecificExtension cvse) {
        RegistrationRequest request = new RegistrationRequest(0, 1800, proposed.homeAddress(), proposed.homeAgent(),
                proposed.careOfAddress(), 1, List.of(cvse));
        return new InboundRegistration(request, new InetSocketAddress(proposed.careOfAddress(), 434),
                new InetSocketAddress(proposed.homeAgent(), 434));
    }
}
