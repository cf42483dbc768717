package net.homeagent.delegation.pha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;

import net.homeagent.delegation.FakePeers;
import net.homeagent.delegation.sha.SecondaryAgent;
import net.homeagent.delegation.sha.ShaSettings;
import net.homeagent.delegation.wire.DelegationCodec;
import net.homeagent.delegation.wire.DelegationMessage.StartForwarding;
import net.homeagent.delegation.wire.MalformedDelegationMessage;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.TunnelCounters;
import net.homeagent.mip.api.TunnelSpec;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.management.DelegationView;
import net.homeagent.mip.api.testing.FakeBindingStore;
import net.homeagent.mip.api.testing.FakeDataPlane;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.codec.wire.Ipv4;
import net.homeagent.peer.PeerNode;

class PrimaryAgentTest {

    static Inet4Address ip(String text) {
        return Ipv4.parse(text).orElseThrow();
    }

    static PeerNode node(int id) {
        return new PeerNode(id, new InetSocketAddress(ip("10.9.0." + id), 7434));
    }

    static final Inet4Address PHA_ADDRESS = ip("10.1.0.1");
    static final PeerNode PHA = node(1);
    static final PeerNode SHA_A = node(2);
    static final PeerNode SHA_B = node(3);

    final FakePeers peers = new FakePeers();
    final MutableClock clock = MutableClock.at("2026-12-06T20:00:00Z");
    final FakeBindingStore store = new FakeBindingStore();
    final LocalInterception interception = new LocalInterception();
    final List<ApplianceEvent> events = new ArrayList<>();
    final List<Inet4Address> told = new ArrayList<>();
    final FakeDataPlane phaPlane = new FakeDataPlane();
    final FakeDataPlane planeA = new FakeDataPlane();
    final FakeDataPlane planeB = new FakeDataPlane();
    /** The PHA's thread: the caller's own unless a test hands the work to {@link #handed}. */
    Executor phaThread = Runnable::run;
    final List<Runnable> handed = new ArrayList<>();
    int window = PhaSettings.DEFAULT_STARTS_IN_FLIGHT;
    int perMessage = PhaSettings.DEFAULT_STARTS_PER_MESSAGE;
    PrimaryAgent pha;
    SecondaryAgent shaA;
    SecondaryAgent shaB;

    void deploy(ReplyOrder order, int capacityA) {
        deploy(order, capacityA, EqualSplit.NAME, LoadSettings.DEFAULTS);
    }

    void deploy(ReplyOrder order, int capacityA, String policy, LoadSettings load) {
        pha = new PrimaryAgent(new PhaSettings(List.of(SHA_A, SHA_B), policy, order, Duration.ofMillis(500),
                Duration.ofMillis(200), 5, load, window, perMessage), peers.link(PHA), store, clock, phaThread,
                Policies.standard(policy, load), interception, phaPlane::counters, events::add);
        store.listen(pha);
        interception.addWatcher(told::add);
        shaA = new SecondaryAgent(new ShaSettings(PHA, capacityA, Duration.ofMillis(200)), peers.link(SHA_A), planeA,
                clock, Runnable::run, e -> { });
        shaB = new SecondaryAgent(new ShaSettings(PHA, 0, Duration.ofMillis(200)), peers.link(SHA_B), planeB, clock,
                Runnable::run, e -> { });
    }

    /** The SHAs heartbeat, the PHA hears them and ticks. */
    void heartbeats() {
        shaA.tick();
        shaB.tick();
        peers.deliver();
        pha.tick();
        peers.deliver();
    }

    /** Time passes as in the appliance: the PHA ticks every 20 ms. */
    void passes(long millis) {
        for (long left = millis; left > 0; left -= 20) {
            clock.advance(Duration.ofMillis(Math.min(20, left)));
            pha.tick();
        }
    }

    Binding register(String home, String careOf) {
        Binding binding = binding(home, careOf);
        store.register(binding, false);
        return binding;
    }

    Binding binding(String home, String careOf) {
        return new Binding(ip(home), ip(careOf), PHA_ADDRESS, ip(careOf), 434, Optional.empty(), 600, clock.instant(),
                clock.instant().plusSeconds(600), 1, 0, Encapsulation.IP_IN_IP, false);
    }

    static String home(int i) {
        return "10.1.1." + i;
    }

    @Test
    void equalSplitGivesEachShaHalfWithinOneAndThePhaAddressAsTunnelSource() {
        deploy(ReplyOrder.AT_ONCE, 0);
        heartbeats();
        for (int i = 1; i <= 9; i++) {
            register(home(i), "192.0.2." + i);
        }
        peers.deliver();
        assertThat(planeA.tunnels()).hasSize(5);
        assertThat(planeB.tunnels()).hasSize(4);
        assertThat(planeA.tunnels()).extracting(TunnelSpec::source).containsOnly(PHA_ADDRESS);
        assertThat(interception.size()).isEqualTo(9);
        assertThat(pha.shas()).extracting(PrimaryAgent.ShaView::mobiles).containsExactly(5, 4);
        assertThat(pha.counts().get(PhaCount.STARTS_ACCEPTED)).isEqualTo(9);
    }

    @Test
    void nothingIsDelegatedBeforeAnShaIsHeardAndWhatThePhaKeptIsOfferedWhenOneComesUp() {
        deploy(ReplyOrder.AT_ONCE, 0);
        register(home(1), "192.0.2.1");
        peers.deliver();
        assertThat(interception.delegated(ip(home(1)))).isFalse();
        heartbeats();
        pha.tick();
        peers.deliver();
        assertThat(interception.delegated(ip(home(1)))).isTrue();
        assertThat(events).extracting(ApplianceEvent::text).anyMatch(t -> t.contains("unknown -> up"));
    }

    @Test
    void atOnceTheReplyDoesNotWaitAndThePhaInterceptsUntilTheAck() {
        deploy(ReplyOrder.AT_ONCE, 0);
        heartbeats();
        register(home(1), "192.0.2.1");
        assertThat(pha.beforeReply(ip(home(1))).toCompletableFuture()).isDone();
        assertThat(interception.delegated(ip(home(1)))).isFalse();
        peers.deliver();
        assertThat(interception.delegated(ip(home(1)))).isTrue();
        assertThat(told).containsExactly(ip(home(1)));
    }

    @Test
    void afterAckTheReplyWaitsForTheAck() {
        deploy(ReplyOrder.AFTER_ACK, 0);
        heartbeats();
        register(home(1), "192.0.2.1");
        CompletionStage<Void> reply = pha.beforeReply(ip(home(1)));
        assertThat(reply.toCompletableFuture()).isNotDone();
        peers.deliver();
        assertThat(reply.toCompletableFuture()).isCompleted();
        assertThat(interception.delegated(ip(home(1)))).isTrue();
    }

    @Test
    void afterAckARefusalReleasesTheReplyAndThePhaKeepsTheMobile() {
        deploy(ReplyOrder.AFTER_ACK, 1);
        heartbeats();
        register(home(1), "192.0.2.1"); // A
        register(home(2), "192.0.2.2"); // B
        peers.deliver();
        pha.policies().select(ManualOnly.NAME);
        register(home(3), "192.0.2.3");
        assertThat(pha.move(ip(home(3)), "2")).contains("-> SHA 2");
        CompletionStage<Void> reply = pha.beforeReply(ip(home(3)));
        peers.deliver();
        assertThat(reply.toCompletableFuture()).isCompleted();
        assertThat(interception.delegated(ip(home(3)))).isFalse();
        assertThat(pha.counts().get(PhaCount.REFUSED_CAPACITY)).isEqualTo(1);
        assertThat(planeA.tunnels()).hasSize(1);
    }

    @Test
    void afterAckATimeoutReleasesTheReplyAndALateAcceptanceIsStopped() {
        deploy(ReplyOrder.AFTER_ACK, 0);
        heartbeats();
        peers.unreachable(SHA_A, true);
        register(home(1), "192.0.2.1");
        CompletionStage<Void> reply = pha.beforeReply(ip(home(1)));
        passes(499);
        assertThat(reply.toCompletableFuture()).isNotDone();
        passes(1);
        assertThat(reply.toCompletableFuture()).isCompleted();
        assertThat(interception.delegated(ip(home(1)))).isFalse();
        assertThat(pha.counts().get(PhaCount.START_TIMEOUTS)).isEqualTo(1);
        peers.unreachable(SHA_A, false);
        peers.deliver();
        assertThat(pha.counts().get(PhaCount.LATE_ACCEPTANCES_STOPPED)).isEqualTo(1);
        assertThat(planeA.tunnels()).isEmpty();
        assertThat(interception.delegated(ip(home(1)))).isFalse();
    }

    @Test
    void aMobileKeptAfterAStartTimeoutIsOfferedAgainOnceTheAckTimeoutHasPassedWithBackoff() {
        deploy(ReplyOrder.AT_ONCE, 0);
        heartbeats();
        peers.unreachable(SHA_A, true);
        peers.unreachable(SHA_B, true);
        register(home(1), "192.0.2.1");
        passes(500);
        assertThat(pha.counts().get(PhaCount.START_TIMEOUTS)).isEqualTo(1);
        assertThat(interception.delegated(ip(home(1)))).as("kept at the PHA").isFalse();
        peers.unreachable(SHA_A, false);
        peers.unreachable(SHA_B, false);
        peers.deliver();   // the lost Start's acceptance comes late: stopped
        heartbeats();
        passes(460);
        assertThat(pha.counts().get(PhaCount.KEPT_OFFERED_AGAIN)).as("not before the ack timeout").isZero();
        passes(60);
        peers.deliver();
        assertThat(pha.counts().get(PhaCount.KEPT_OFFERED_AGAIN)).isEqualTo(1);
        assertThat(interception.delegated(ip(home(1)))).as("offered again, delegated").isTrue();
        assertThat(planeA.tunnels().size() + planeB.tunnels().size()).isEqualTo(1);
    }

    @Test
    void aNewCareOfAndARenewalUpdateTheShaAndADeregistrationStopsIt() {
        deploy(ReplyOrder.AT_ONCE, 0);
        heartbeats();
        register(home(1), "192.0.2.1");
        peers.deliver();
        register(home(1), "198.51.100.1");
        peers.deliver();
        assertThat(planeA.tunnels()).singleElement()
                .satisfies(t -> assertThat(t.careOfAddress()).isEqualTo(ip("198.51.100.1")));
        clock.advance(Duration.ofSeconds(100));
        store.register(binding(home(1), "198.51.100.1"), false);
        peers.deliver();
        assertThat(shaA.entries()).singleElement().satisfies(e -> assertThat(e.secondsLeft()).contains(600L));
        store.removeAll(ip(home(1)), RemovalReason.DEREGISTERED, net.homeagent.mip.api.ChangeOrigin.LOCAL);
        peers.deliver();
        assertThat(planeA.tunnels()).isEmpty();
        assertThat(interception.delegated(ip(home(1)))).isFalse();
        assertThat(pha.counts().get(PhaCount.STOPS_ACKED)).isEqualTo(1);
    }

    @Test
    void simultaneousBindingsStayAtThePha() {
        deploy(ReplyOrder.AT_ONCE, 0);
        heartbeats();
        register(home(1), "192.0.2.1");
        peers.deliver();
        store.register(binding(home(1), "192.0.2.2"), true);
        peers.deliver();
        assertThat(interception.delegated(ip(home(1)))).isFalse();
        assertThat(planeA.tunnels()).isEmpty();
        assertThat(pha.counts().get(PhaCount.KEPT_SIMULTANEOUS)).isEqualTo(1);
    }

    @Test
    void aSilentShaHasItsMobilesMovedToTheOtherAndThenTakenBackByThePha() {
        deploy(ReplyOrder.AT_ONCE, 0);
        heartbeats();
        for (int i = 1; i <= 4; i++) {
            register(home(i), "192.0.2." + i);
        }
        peers.deliver();
        peers.unreachable(SHA_A, true);
        passes(600);
        shaB.tick();
        peers.deliver();
        assertThat(pha.shas().get(0).state()).isEqualTo(ShaState.UP);
        passes(399);
        assertThat(pha.shas().get(0).state()).isEqualTo(ShaState.UP);
        passes(1); // A silent for 5 heartbeats of 200 ms
        assertThat(pha.shas().get(0).state()).isEqualTo(ShaState.FAILED);
        peers.deliver();
        assertThat(planeB.tunnels()).hasSize(4);
        assertThat(interception.size()).isEqualTo(4);
        assertThat(pha.counts().get(PhaCount.MOVED)).isEqualTo(2);
        // the SHA lost, for the routes: its node, its mobiles and where they went
        assertThat(events).filteredOn(e -> e.kind() == ApplianceEvent.Kind.FAILURE).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("node", "2").containsEntry("mobiles", "2")
                        .containsEntry("moved", "2").containsEntry("takenBack", "0"));

        passes(200); // a heartbeat to B, which the link then gives up on
        peers.giveUp(SHA_B);
        assertThat(pha.shas().get(1).state()).isEqualTo(ShaState.FAILED);
        assertThat(interception.size()).isZero();
        assertThat(pha.counts().get(PhaCount.TAKEN_BACK)).isEqualTo(6);
        assertThat(events).filteredOn(e -> e.kind() == ApplianceEvent.Kind.FAILURE).last()
                .satisfies(e -> assertThat(e.details()).containsEntry("node", "3").containsEntry("mobiles", "4")
                        .containsEntry("moved", "0").containsEntry("takenBack", "4"));
    }

    @Test
    void aPausedPhaDoesNotTakeItsOwnSilenceForTheShas() {
        deploy(ReplyOrder.AT_ONCE, 0);
        heartbeats();
        clock.advance(Duration.ofSeconds(5)); // the PHA's JVM stood still
        pha.tick();
        assertThat(pha.shas()).extracting(PrimaryAgent.ShaView::state).containsOnly(ShaState.UP);
        assertThat(pha.counts().get(PhaCount.PAUSES)).isEqualTo(1);
        passes(199);
        assertThat(pha.shas()).extracting(PrimaryAgent.ShaView::state).containsOnly(ShaState.UP);
        passes(1); // a heartbeat interval after the pause, still nothing heard
        assertThat(pha.shas()).extracting(PrimaryAgent.ShaView::state).containsOnly(ShaState.FAILED);
    }

    @Test
    void anShaHeardAgainAfterItFailedIsToldToStopWhatWentElsewhere() {
        deploy(ReplyOrder.AT_ONCE, 0);
        heartbeats();
        register(home(1), "192.0.2.1");
        register(home(2), "192.0.2.2");
        peers.deliver();
        peers.unreachable(SHA_A, true);
        passes(600);
        shaB.tick();
        peers.deliver();
        passes(400);
        peers.deliver();
        assertThat(planeB.tunnels()).hasSize(2);
        assertThat(planeA.tunnels()).as("cut off, it still forwards").hasSize(1);
        peers.unreachable(SHA_A, false);
        peers.lose(SHA_A);
        shaA.tick();
        peers.deliver();
        assertThat(pha.shas().get(0).state()).isEqualTo(ShaState.UP);
        assertThat(planeA.tunnels()).isEmpty();
        assertThat(planeB.tunnels()).hasSize(2);
        assertThat(pha.counts().get(PhaCount.STOPS_ACKED)).isEqualTo(1);
    }

    @Test
    void aRestartedShaIsToldItsEntriesAgain() {
        deploy(ReplyOrder.AT_ONCE, 0);
        heartbeats();
        register(home(1), "192.0.2.1");
        register(home(2), "192.0.2.2");
        peers.deliver();
        FakeDataPlane fresh = new FakeDataPlane();
        shaA.close();
        shaA = new SecondaryAgent(new ShaSettings(PHA, 0, Duration.ofMillis(200)), peers.restart(SHA_A), fresh, clock,
                Runnable::run, e -> { });
        shaA.tick();
        peers.deliver();
        assertThat(fresh.tunnels()).hasSize(1);
        assertThat(pha.counts().get(PhaCount.SHA_RESYNCS)).isEqualTo(1);
    }

    @Test
    void anShaThatLostEntriesWithoutRestartingIsToldThemAgainByItsHeartbeat() {
        deploy(ReplyOrder.AT_ONCE, 0);
        heartbeats();
        register(home(1), "192.0.2.1");
        peers.deliver();
        shaA.close(); // its table is gone, its link the same
        shaA = new SecondaryAgent(new ShaSettings(PHA, 0, Duration.ofMillis(200)), peers.link(SHA_A), planeA, clock,
                Runnable::run, e -> { });
        shaA.tick();
        peers.deliver();
        assertThat(planeA.tunnels()).hasSize(1);
        assertThat(pha.counts().get(PhaCount.SHA_RESYNCS)).isEqualTo(1);
    }

    @Test
    void moveToThePhaPinsTheMobileThereAndToAnShaMovesIt() {
        deploy(ReplyOrder.AT_ONCE, 0);
        heartbeats();
        register(home(1), "192.0.2.1");
        peers.deliver();
        assertThat(pha.move(ip(home(1)), "pha")).contains("SHA 2 -> PHA");
        peers.deliver();
        assertThat(interception.delegated(ip(home(1)))).isFalse();
        assertThat(planeA.tunnels()).isEmpty();
        store.register(binding(home(1), "192.0.2.1"), false);
        peers.deliver();
        assertThat(interception.delegated(ip(home(1)))).isFalse();
        assertThat(pha.move(ip(home(1)), "3")).contains("PHA -> SHA 3");
        peers.deliver();
        assertThat(planeB.tunnels()).hasSize(1);
        assertThat(interception.delegated(ip(home(1)))).isTrue();
        assertThatThrownBy(() -> pha.move(ip("10.1.9.9"), "2")).hasMessageContaining("no binding");
        assertThatThrownBy(() -> pha.move(ip(home(1)), "7")).hasMessageContaining("not a configured SHA");
        assertThatThrownBy(() -> pha.move(ip(home(1)), "x")).hasMessageContaining("'pha' or an SHA's node id");
    }

    @Test
    void aStoppingPhaTakesEveryMobileBackAndStopsTheShas() {
        deploy(ReplyOrder.AT_ONCE, 0);
        heartbeats();
        register(home(1), "192.0.2.1");
        register(home(2), "192.0.2.2");
        peers.deliver();
        var stopped = pha.takeAllBack();
        assertThat(interception.size()).isZero();
        assertThat(stopped).isNotDone();
        peers.deliver();
        assertThat(stopped).isCompleted();
        assertThat(planeA.tunnels()).isEmpty();
        assertThat(planeB.tunnels()).isEmpty();
        register(home(3), "192.0.2.3");
        assertThat(pha.delegations()).isEmpty();
    }

    @Test
    void messagesFromANodeThatIsNotAnShaAreDropped() {
        deploy(ReplyOrder.AT_ONCE, 0);
        PeerNode stranger = node(9);
        peers.link(stranger).open(3, m -> { }).send(PHA.address(),
                net.homeagent.delegation.wire.DelegationCodec.encode(
                        new net.homeagent.delegation.wire.DelegationMessage.Heartbeat(1, 0, 0)));
        peers.deliver();
        assertThat(pha.counts().get(PhaCount.DROPPED)).isEqualTo(1);
        assertThat(pha.shas()).extracting(PrimaryAgent.ShaView::state).containsOnly(ShaState.UNKNOWN);
    }

    // ---- the load policies, on fake counters ----

    static final LoadSettings LOAD = new LoadSettings(Duration.ofSeconds(1), 1000, 200, 1, 3, 20);

    /** Time passes with everyone running: the PHA ticks every 20 ms, the SHAs every 200 ms, the link delivers. */
    void runs(long millis) {
        for (long t = 20; t <= millis; t += 20) {
            clock.advance(Duration.ofMillis(20));
            if (clock.instant().toEpochMilli() % 200 == 0) {
                shaA.tick();
                shaB.tick();
            }
            peers.deliver();
            pha.tick();
            peers.deliver();
        }
    }

    /** {@code packets} more for {@code binding}'s tunnel in {@code plane}, as its forwarder counts them. */
    static void count(FakeDataPlane plane, Binding binding, long packets) {
        long before = plane.counters(binding.key()).map(TunnelCounters::packetsTunnelled).orElse(0L);
        plane.counters(binding.key(), new TunnelCounters(before + packets, 0, 0, 0, 0, TunnelCounters.Scope.BINDING));
    }

    @Test
    void thresholdMovesABusyMobileToAnShaWithinAnIntervalAndBackAfterItsTrafficStops() {
        deploy(ReplyOrder.AT_ONCE, 0, PacketThreshold.NAME, LOAD);
        runs(200);
        Binding busy = register(home(1), "192.0.2.1");
        Binding light = register(home(2), "192.0.2.2");
        runs(1000);
        assertThat(interception.size()).isZero(); // new mobiles are light until measured
        for (int second = 0; second < 2; second++) {
            count(phaPlane, busy, 1500);
            count(phaPlane, light, 300);
            runs(1000);
        }
        assertThat(interception.delegated(ip(home(1)))).isTrue();
        assertThat(interception.delegated(ip(home(2)))).isFalse();
        assertThat(planeA.tunnels()).extracting(TunnelSpec::homeAddress).containsExactly(ip(home(1)));
        assertThat(pha.counts().get(PhaCount.POLICY_MOVES)).isEqualTo(1);
        // busy at the SHA: its reports keep it there, past its hold
        for (int second = 0; second < 5; second++) {
            count(planeA, busy, 1200);
            runs(1000);
        }
        assertThat(interception.delegated(ip(home(1)))).isTrue();
        assertThat(pha.delegations()).singleElement().satisfies(d -> assertThat(d.packets()).hasValue(1200));
        assertThat(pha.shas().get(0).packets()).hasValue(1200);
        // the flow stops: back to the PHA, and it stays there
        runs(3000);
        assertThat(interception.delegated(ip(home(1)))).isFalse();
        assertThat(planeA.tunnels()).isEmpty();
        runs(5000);
        assertThat(pha.counts().get(PhaCount.POLICY_MOVES)).isEqualTo(2);
        assertThat(pha.counts().get(PhaCount.LOAD_REPORTS_RECEIVED)).isGreaterThan(10);
        assertThat(shaA.counts().get(net.homeagent.delegation.sha.ShaCount.LOAD_REPORTS_SENT)).isGreaterThan(10);
    }

    @Test
    void aMobileHoveringBetweenTheTwoValuesStaysWhereItIsAndMovesAreCappedPerInterval() {
        deploy(ReplyOrder.AT_ONCE, 0, PacketThreshold.NAME, LOAD);
        runs(200);
        Binding one = register(home(1), "192.0.2.1");
        Binding two = register(home(2), "192.0.2.2");
        count(phaPlane, one, 0);
        count(phaPlane, two, 0);
        runs(1000);
        count(phaPlane, one, 5000);
        count(phaPlane, two, 4000);
        runs(1000);
        assertThat(interception.size()).isEqualTo(1); // one move per interval (maxMovesPerInterval=1)
        assertThat(pha.counts().get(PhaCount.MOVES_OVER_BUDGET)).isEqualTo(1);
        // one event for the interval's moves, saying what the budget left out
        assertThat(events).filteredOn(e -> e.kind() == ApplianceEvent.Kind.LOAD_MOVES).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("policy", PacketThreshold.NAME)
                        .containsEntry("moves", "1").containsEntry("overBudget", "1"));
        count(phaPlane, two, 4000);
        runs(1000);
        assertThat(interception.size()).isEqualTo(2);
        assertThat(planeA.tunnels()).hasSize(1);
        assertThat(planeB.tunnels()).hasSize(1); // the second went to the other, less loaded, SHA
        for (int second = 0; second < 8; second++) {
            count(planeA, one, second % 2 == 0 ? 201 : 999);
            count(planeB, two, second % 2 == 0 ? 999 : 201);
            runs(1000);
        }
        assertThat(interception.size()).isEqualTo(2);
        assertThat(pha.counts().get(PhaCount.POLICY_MOVES)).isEqualTo(2);
        assertThat(events).filteredOn(e -> e.kind() == ApplianceEvent.Kind.LOAD_MOVES).hasSize(2);
        // what a manager reads (hamDelegation): the same figures
        DelegationView.Primary view = new PrimaryView(pha).primary();
        assertThat(view.policy()).isEqualTo(PacketThreshold.NAME);
        assertThat(view.policyMoves()).isEqualTo(2);
        assertThat(view.shas()).extracting(DelegationView.Sha::mobiles).containsExactly(1, 1);
        assertThat(view.shas()).extracting(DelegationView.Sha::state).containsOnly(DelegationView.ShaState.UP);
    }

    @Test
    void evenLoadMovesAMobileFromTheBusyShaToTheIdleOne() {
        deploy(ReplyOrder.AT_ONCE, 0, EvenLoad.NAME, LOAD);
        runs(200);
        List<Binding> mobiles = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            mobiles.add(register(home(i), "192.0.2." + i));
        }
        runs(200);
        assertThat(planeA.tunnels()).hasSize(2);
        assertThat(planeB.tunnels()).hasSize(2);
        List<Binding> atA = mobiles.stream().filter(b -> planeA.tunnels().stream()
                .anyMatch(t -> t.homeAddress().equals(b.homeAddress()))).toList();
        for (int second = 0; second < 3; second++) {
            count(planeA, atA.get(0), 3000);
            count(planeA, atA.get(1), 2000);
            runs(1000);
        }
        assertThat(planeA.tunnels()).extracting(TunnelSpec::homeAddress).containsExactly(atA.get(0).homeAddress());
        assertThat(planeB.tunnels()).hasSize(3);
        assertThat(pha.counts().get(PhaCount.POLICY_MOVES)).isEqualTo(1);
        assertThat(interception.size()).isEqualTo(4);
    }

    // ---- the checkpoint ----

    @Test
    void aRestartedPhaGivesItsRestoredBindingsBackToTheirShasWithoutInterceptingThem() {
        deploy(ReplyOrder.AT_ONCE, 0);
        register(home(1), "192.0.2.1");
        register(home(2), "192.0.2.2");
        register(home(3), "192.0.2.3");
        int restored = pha.restore(Map.of(ip(home(1)), 3, ip(home(2)), 2, ip(home(9)), 2, ip(home(3)), 7));
        assertThat(restored).isEqualTo(2);
        assertThat(pha.counts().get(PhaCount.CHECKPOINT_SKIPPED)).isEqualTo(2); // no binding; SHA 7 unknown
        assertThat(interception.delegated(ip(home(1)))).isTrue(); // from the start: the PHA does not intercept
        assertThat(interception.delegated(ip(home(2)))).isTrue();
        assertThat(interception.delegated(ip(home(3)))).isFalse();
        List<Inet4Address> toldLater = new ArrayList<>();
        interception.addWatcher(toldLater::add); // a data plane that binds after the restore removes them
        assertThat(toldLater).containsExactlyInAnyOrder(ip(home(1)), ip(home(2)));
        heartbeats();
        peers.deliver();
        assertThat(planeB.tunnels()).extracting(TunnelSpec::homeAddress).contains(ip(home(1)));
        assertThat(planeA.tunnels()).extracting(TunnelSpec::homeAddress).contains(ip(home(2)));
        assertThat(interception.delegated(ip(home(1)))).isTrue();
        assertThat(interception.delegated(ip(home(3)))).isTrue(); // the one the PHA kept: offered to the policy
        assertThat(pha.counts().get(PhaCount.TAKEN_BACK)).isZero();
        assertThat(pha.placements()).containsEntry(ip(home(1)), 3).containsEntry(ip(home(2)), 2).hasSize(3);
    }

    @Test
    void restoredBindingsOfAnShaNotHeardWithinTheSilenceAfterTheStartAreTakenBack() {
        deploy(ReplyOrder.AT_ONCE, 0);
        register(home(1), "192.0.2.1");
        pha.restore(Map.of(ip(home(1)), 2));
        passes(980);
        assertThat(interception.delegated(ip(home(1)))).isTrue();
        passes(20);
        assertThat(interception.delegated(ip(home(1)))).isFalse();
        assertThat(pha.counts().get(PhaCount.SHA_FAILURES)).isEqualTo(1);
        assertThat(pha.placements()).isEmpty();
    }

    @Test
    void thePlacementsChangeWhenAnShaAcceptsAndWhenAMobileLeaves() {
        deploy(ReplyOrder.AT_ONCE, 0);
        heartbeats();
        long before = pha.placementChanges();
        register(home(1), "192.0.2.1");
        assertThat(pha.placementChanges()).isEqualTo(before); // not accepted yet
        peers.deliver();
        assertThat(pha.placementChanges()).isEqualTo(before + 1);
        assertThat(pha.placements()).containsOnlyKeys(ip(home(1)));
        store.removeAll(ip(home(1)), RemovalReason.DEREGISTERED, net.homeagent.mip.api.ChangeOrigin.LOCAL);
        assertThat(pha.placementChanges()).isEqualTo(before + 2);
        assertThat(pha.placements()).isEmpty();
    }

    @Test
    void anShaHeardBeforeTheRestoreIsToldItsRestoredMobilesAtOnce() {
        deploy(ReplyOrder.AT_ONCE, 0, ManualOnly.NAME, LoadSettings.DEFAULTS); // nothing adopted meanwhile
        Binding one = register(home(1), "192.0.2.1");
        heartbeats(); // heard while the role was still starting
        pha.restore(Map.of(ip(home(1)), 2));
        peers.deliver();
        assertThat(planeA.tunnels()).extracting(TunnelSpec::homeAddress).containsExactly(one.homeAddress());
        assertThat(pha.counts().get(PhaCount.STARTS_ACCEPTED)).isEqualTo(1);
        assertThat(pha.counts().get(PhaCount.CHECKPOINT_RESTORED)).isEqualTo(1);
        assertThat(interception.delegated(ip(home(1)))).isTrue();
    }

    // ---- the window of Starts in flight, and the listener off the registering thread ----

    /** Only SHA A is heard: every mobile goes to it. */
    void onlyAIsUp() {
        shaA.tick();
        peers.deliver();
        runHanded();
        pha.tick();
        peers.deliver();
        runHanded();
    }

    /** Runs what was handed to the PHA's thread, and what that hands over in turn. */
    void runHanded() {
        while (!handed.isEmpty()) {
            List<Runnable> now = List.copyOf(handed);
            handed.clear();
            now.forEach(Runnable::run);
        }
    }

    List<StartForwarding> startsWaitingFor(PeerNode sha) {
        List<StartForwarding> starts = new ArrayList<>();
        for (byte[] payload : peers.waitingFor(sha)) {
            try {
                if (DelegationCodec.decode(payload) instanceof StartForwarding start) {
                    starts.add(start);
                }
            } catch (MalformedDelegationMessage e) {
                throw new AssertionError(e);
            }
        }
        return starts;
    }

    @Test
    void aBurstBeyondTheWindowWaitsAtThePhaWhichForwardsThoseMobilesUntilTheirShaAccepts() {
        window = 2;
        deploy(ReplyOrder.AT_ONCE, 0);
        onlyAIsUp();
        for (int i = 1; i <= 5; i++) {
            register(home(i), "192.0.2." + i);
        }
        assertThat(startsWaitingFor(SHA_A)).extracting(StartForwarding::home).containsExactly(ip(home(1)), ip(home(2)));
        assertThat(pha.shas().get(0)).satisfies(a -> {
            assertThat(a.starting()).isEqualTo(5);
            assertThat(a.inFlight()).isEqualTo(2);
            assertThat(a.queued()).isEqualTo(3);
        });
        assertThat(pha.counts().get(PhaCount.STARTS_QUEUED)).isEqualTo(3);

        peers.unreachable(PHA, true); // the SHA accepts the first two; its acks wait
        peers.deliver();
        assertThat(planeA.tunnels()).hasSize(2);
        assertThat(pha.counts().get(PhaCount.STARTS_SENT)).as("nothing more before an ack").isEqualTo(2);
        assertThat(interception.size()).as("the PHA forwards every one of them meanwhile").isZero();

        peers.unreachable(PHA, false);
        peers.deliver(); // each ack makes room for the next queued Start, oldest first
        assertThat(planeA.tunnels()).hasSize(5);
        assertThat(interception.size()).isEqualTo(5);
        assertThat(pha.counts().get(PhaCount.STARTS_SENT)).isEqualTo(5);
        assertThat(pha.shas().get(0)).satisfies(a -> {
            assertThat(a.mobiles()).isEqualTo(5);
            assertThat(a.inFlight()).isZero();
            assertThat(a.queued()).isZero();
        });
    }

    @Test
    void aQueuedStartIsReplacedByItsNewerBindingOrDroppedWhenTheBindingEndsAndThenNeedsNoStop() {
        window = 1;
        deploy(ReplyOrder.AT_ONCE, 0);
        onlyAIsUp();
        register(home(1), "192.0.2.1");
        register(home(2), "192.0.2.2");
        register(home(3), "192.0.2.3");
        register(home(2), "198.51.100.2"); // a new care-of address before its Start left
        store.removeAll(ip(home(3)), RemovalReason.DEREGISTERED, net.homeagent.mip.api.ChangeOrigin.LOCAL);
        assertThat(pha.counts().get(PhaCount.STARTS_COALESCED)).isEqualTo(2);
        assertThat(pha.shas().get(0).queued()).isEqualTo(1);

        peers.deliver();
        assertThat(planeA.tunnels()).extracting(TunnelSpec::homeAddress, TunnelSpec::careOfAddress)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(ip(home(1)), ip("192.0.2.1")),
                        org.assertj.core.groups.Tuple.tuple(ip(home(2)), ip("198.51.100.2")));
        assertThat(pha.counts().get(PhaCount.STARTS_SENT)).as("no stale Start left").isEqualTo(2);
        assertThat(pha.counts().get(PhaCount.STOPS_SENT)).as("the SHA never heard of home 3").isZero();
        assertThat(shaA.counts().get(net.homeagent.delegation.sha.ShaCount.STOP_UNKNOWN_HOME)).isZero();
        assertThat(interception.delegated(ip(home(3)))).isFalse();
    }

    @Test
    void theListenerOnlyRecordsAndThePhasThreadSendsTheNewestBindingOnce() {
        phaThread = handed::add;
        deploy(ReplyOrder.AT_ONCE, 0);
        onlyAIsUp();
        register(home(1), "192.0.2.1");
        register(home(1), "198.51.100.1"); // moved before the PHA's thread looked
        assertThat(pha.counts().get(PhaCount.STARTS_SENT)).as("nothing on the registering thread").isZero();
        assertThat(startsWaitingFor(SHA_A)).isEmpty();
        assertThat(pha.changesWaiting()).isEqualTo(1);
        assertThat(handed).as("one hand-over for the two changes").hasSize(1);
        assertThat(pha.counts().get(PhaCount.CHANGES_FOLDED)).isEqualTo(1);

        runHanded();
        assertThat(pha.changesWaiting()).isZero();
        assertThat(startsWaitingFor(SHA_A)).singleElement()
                .satisfies(start -> assertThat(start.careOf()).isEqualTo(ip("198.51.100.1")));
        peers.deliver();
        runHanded(); // the SHA's ack, taken on the PHA's thread
        assertThat(interception.delegated(ip(home(1)))).isTrue();
        assertThat(pha.counts().get(PhaCount.STARTS_SENT)).isEqualTo(1);
    }

    @Test
    void afterAckTheReplyWaitsForAChangeTheListenerRecordedUntilItsShaAccepts() {
        phaThread = handed::add;
        deploy(ReplyOrder.AFTER_ACK, 0);
        onlyAIsUp();
        register(home(1), "192.0.2.1");
        CompletionStage<Void> reply = pha.beforeReply(ip(home(1)));
        runHanded();
        assertThat(reply.toCompletableFuture()).as("the Start is on its way").isNotDone();
        peers.deliver();
        runHanded();
        assertThat(reply.toCompletableFuture()).isCompleted();
        assertThat(interception.delegated(ip(home(1)))).isTrue();
    }

    @Test
    void afterAckAQueuedStartHoldsItsReplyAtMostTheAckTimeoutAndIsNeverSentAfterIt() {
        window = 1;
        deploy(ReplyOrder.AFTER_ACK, 0);
        onlyAIsUp();
        peers.unreachable(SHA_A, true);
        register(home(1), "192.0.2.1");
        register(home(2), "192.0.2.2");
        CompletionStage<Void> first = pha.beforeReply(ip(home(1)));
        CompletionStage<Void> queued = pha.beforeReply(ip(home(2)));
        passes(499);
        assertThat(queued.toCompletableFuture()).isNotDone();
        passes(1);
        assertThat(first.toCompletableFuture()).isCompleted();
        assertThat(queued.toCompletableFuture()).isCompleted();
        assertThat(pha.counts().get(PhaCount.START_TIMEOUTS)).isEqualTo(2);
        assertThat(pha.counts().get(PhaCount.STARTS_SENT)).as("the queued one never left").isEqualTo(1);
        peers.unreachable(SHA_A, false);
        peers.deliver();
        assertThat(pha.counts().get(PhaCount.LATE_ACCEPTANCES_STOPPED)).isEqualTo(1);
        assertThat(planeA.tunnels()).isEmpty();
        assertThat(interception.size()).isZero();
    }

    @Test
    void startsDueTogetherShareBatchesAndTheShaAnswersEachElementInOneBatch() {
        phaThread = handed::add;
        perMessage = 2;
        deploy(ReplyOrder.AT_ONCE, 0);
        onlyAIsUp();
        for (int i = 1; i <= 5; i++) {
            register(home(i), "192.0.2." + i);
        }
        runHanded(); // one turn of the PHA's thread: five Starts due at once
        assertThat(peers.waitingFor(SHA_A)).as("2 + 2 + 1").hasSize(3);
        assertThat(pha.counts().get(PhaCount.BATCHES_SENT)).isEqualTo(2);
        assertThat(pha.counts().get(PhaCount.STARTS_SENT)).isEqualTo(5);

        peers.deliver();
        runHanded();
        assertThat(shaA.counts().get(net.homeagent.delegation.sha.ShaCount.BATCHES_RECEIVED)).isEqualTo(2);
        assertThat(pha.counts().get(PhaCount.BATCHES_RECEIVED)).as("each batch answered by one").isEqualTo(2);
        assertThat(planeA.tunnels()).hasSize(5);
        assertThat(pha.counts().get(PhaCount.STARTS_ACCEPTED)).as("each element answered").isEqualTo(5);
        assertThat(interception.size()).isEqualTo(5);
        assertThat(pha.shas().get(0).inFlight()).isZero();
    }
}
