package net.homeagent.delegation.sha;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.homeagent.delegation.FakePeers;
import net.homeagent.delegation.wire.DelegationCodec;
import net.homeagent.delegation.wire.DelegationMessage;
import net.homeagent.delegation.wire.DelegationMessage.EntryPackets;
import net.homeagent.delegation.wire.DelegationMessage.Heartbeat;
import net.homeagent.delegation.wire.DelegationMessage.LoadReport;
import net.homeagent.delegation.wire.DelegationMessage.StartAck;
import net.homeagent.delegation.wire.DelegationMessage.StartForwarding;
import net.homeagent.delegation.wire.DelegationMessage.StopAck;
import net.homeagent.delegation.wire.DelegationMessage.StopForwarding;
import net.homeagent.delegation.wire.MalformedDelegationMessage;
import net.homeagent.delegation.wire.Result;
import net.homeagent.mip.api.BindingKey;
import net.homeagent.mip.api.DataPlaneStatus;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.TunnelCounters;
import net.homeagent.mip.api.TunnelSpec;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.testing.FakeDataPlane;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.codec.wire.Ipv4;
import net.homeagent.peer.PeerChannel;
import net.homeagent.peer.PeerLink;
import net.homeagent.peer.PeerNode;

class SecondaryAgentTest {

    static Inet4Address ip(String text) {
        return Ipv4.parse(text).orElseThrow();
    }

    static final PeerNode PHA = new PeerNode(1, new InetSocketAddress(ip("10.9.0.1"), 7434));
    static final PeerNode SHA = new PeerNode(2, new InetSocketAddress(ip("10.9.0.2"), 7434));
    static final PeerNode STRANGER = new PeerNode(9, new InetSocketAddress(ip("10.9.0.9"), 7434));

    final FakePeers peers = new FakePeers();
    final MutableClock clock = MutableClock.at("2026-12-06T20:00:00Z");
    final FakeDataPlane dataPlane = new FakeDataPlane();
    final List<ApplianceEvent> events = new ArrayList<>();
    final List<DelegationMessage> answers = new ArrayList<>();
    PeerChannel pha;
    PeerChannel stranger;
    SecondaryAgent sha;

    @BeforeEach
    void start() {
        PeerLink phaLink = peers.link(PHA);
        PeerLink strangerLink = peers.link(STRANGER);
        pha = phaLink.open(3, m -> answers.add(decode(m.payload())));
        stranger = strangerLink.open(3, m -> answers.add(decode(m.payload())));
        sha = new SecondaryAgent(new ShaSettings(PHA, 2, Duration.ofMillis(200)), peers.link(SHA), dataPlane, clock,
                Runnable::run, events::add);
    }

    static DelegationMessage decode(byte[] payload) {
        try {
            return DelegationCodec.decode(payload);
        } catch (MalformedDelegationMessage e) {
            throw new AssertionError(e);
        }
    }

    static StartForwarding start(long transaction, String home, String careOf, long seconds) {
        return new StartForwarding(transaction, ip(home), ip(careOf), ip("10.1.0.1"), Encapsulation.IP_IN_IP,
                Encapsulation.IP_IN_IP, true, Optional.empty(), seconds);
    }

    DelegationMessage exchange(PeerChannel from, DelegationMessage request) {
        return exchange(from, DelegationCodec.encode(request));
    }

    DelegationMessage exchange(PeerChannel from, byte[] request) {
        answers.clear();
        from.send(SHA.address(), request);
        peers.deliver();
        assertThat(answers).hasSize(1);
        return answers.get(0);
    }

    @Test
    void aStartInstallsTheTunnelWithThePhaAsSourceAndIsAccepted() throws Exception {
        assertThat(exchange(pha, start(5, "10.1.0.7", "192.0.2.9", 60)))
                .isEqualTo(new StartAck(5, ip("10.1.0.7"), Result.ACCEPTED));
        assertThat(dataPlane.nextCall(0)).isEqualTo("install 10.1.0.7@192.0.2.9/IP_IN_IP");
        assertThat(dataPlane.tunnels()).singleElement().satisfies(t -> {
            assertThat(t.source()).isEqualTo(ip("10.1.0.1"));
            assertThat(t.reverseTunnel()).isTrue();
        });
        assertThat(sha.counts().get(ShaCount.STARTED)).isEqualTo(1);
        assertThat(sha.entries()).singleElement().satisfies(e -> assertThat(e.secondsLeft()).contains(60L));
    }

    @Test
    void aNewCareOfMovesTheTunnelAndARenewalOnlyExtends() throws Exception {
        exchange(pha, start(1, "10.1.0.7", "192.0.2.9", 60));
        dataPlane.nextCall(0);
        assertThat(exchange(pha, start(2, "10.1.0.7", "198.51.100.4", 60)))
                .isEqualTo(new StartAck(2, ip("10.1.0.7"), Result.ACCEPTED));
        assertThat(dataPlane.nextCall(0)).startsWith("update 10.1.0.7@192.0.2.9");
        clock.advance(Duration.ofSeconds(50));
        exchange(pha, start(3, "10.1.0.7", "198.51.100.4", 60));
        assertThat(dataPlane.nextCall(0)).isNull();
        assertThat(sha.counts().get(ShaCount.UPDATED)).isEqualTo(1);
        assertThat(sha.counts().get(ShaCount.RENEWED)).isEqualTo(1);
        assertThat(sha.entries()).singleElement().satisfies(e -> assertThat(e.secondsLeft()).contains(60L));
    }

    @Test
    void theDataPlanesReconcileGetsEveryEntrysTunnelWhileNothingChangesThem() throws Exception {
        exchange(pha, start(1, "10.1.0.7", "192.0.2.9", 60));
        exchange(pha, start(2, "10.1.0.8", "192.0.2.9", 60));
        exchange(pha, start(3, "10.1.0.7", "198.51.100.4", 60));
        List<TunnelSpec> installed = dataPlane.tunnels();
        List<TunnelSpec> held = new ArrayList<>();
        Thread expiry = new Thread(sha::tick, "expiry");
        sha.whileHeld(tunnels -> {
            expiry.start();
            // the tick waits for the lock until the reconcile is done
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (expiry.getState() != Thread.State.BLOCKED && System.nanoTime() < giveUp) {
                Thread.onSpinWait();
            }
            assertThat(expiry.getState()).isEqualTo(Thread.State.BLOCKED);
            held.addAll(tunnels);
        });
        expiry.join();
        assertThat(held).containsExactlyInAnyOrderElementsOf(installed).hasSize(2);
    }

    @Test
    void anEntryStopsByItselfWhenItsDurationRunsOut() throws Exception {
        exchange(pha, start(1, "10.1.0.7", "192.0.2.9", 30));
        exchange(pha, new StartForwarding(2, ip("10.1.0.8"), ip("192.0.2.9"), ip("10.1.0.1"), Encapsulation.IP_IN_IP,
                Encapsulation.IP_IN_IP, false, Optional.empty(), StartForwarding.NEVER));
        clock.advance(Duration.ofSeconds(29));
        sha.tick();
        assertThat(sha.entries()).hasSize(2);
        clock.advance(Duration.ofSeconds(1));
        sha.tick();
        assertThat(sha.entries()).singleElement()
                .satisfies(e -> assertThat(e.entry().tunnel().homeAddress()).isEqualTo(ip("10.1.0.8")));
        assertThat(dataPlane.tunnels()).hasSize(1);
        assertThat(sha.counts().get(ShaCount.EXPIRED)).isEqualTo(1);
    }

    @Test
    void aStopRemovesAndAStopForAnUnknownHomeIsRefusedAndChangesNothing() throws Exception {
        exchange(pha, start(1, "10.1.0.7", "192.0.2.9", 30));
        assertThat(exchange(pha, new StopForwarding(2, ip("10.1.0.99"))))
                .isEqualTo(new StopAck(2, ip("10.1.0.99"), Result.UNKNOWN_HOME));
        assertThat(dataPlane.tunnels()).hasSize(1);
        assertThat(exchange(pha, new StopForwarding(3, ip("10.1.0.7"))))
                .isEqualTo(new StopAck(3, ip("10.1.0.7"), Result.ACCEPTED));
        assertThat(dataPlane.tunnels()).isEmpty();
        assertThat(sha.counts().get(ShaCount.STOP_UNKNOWN_HOME)).isEqualTo(1);
        assertThat(sha.counts().get(ShaCount.STOPPED)).isEqualTo(1);
    }

    @Test
    void refusalsChangeNothing() throws Exception {
        exchange(pha, start(1, "10.1.0.7", "192.0.2.9", 30));
        exchange(pha, start(2, "10.1.0.8", "192.0.2.9", 30));
        assertThat(exchange(pha, start(3, "10.1.0.9", "192.0.2.9", 30)))
                .isEqualTo(new StartAck(3, ip("10.1.0.9"), Result.CAPACITY));
        assertThat(exchange(stranger, start(4, "10.1.0.7", "203.0.113.1", 30)))
                .isEqualTo(new StartAck(4, ip("10.1.0.7"), Result.NOT_A_PHA));
        assertThat(exchange(stranger, new StopForwarding(5, ip("10.1.0.7"))))
                .isEqualTo(new StopAck(5, ip("10.1.0.7"), Result.NOT_A_PHA));
        byte[] bad = DelegationCodec.encode(start(6, "10.1.0.7", "203.0.113.1", 30));
        bad[28] = bad[29] = bad[30] = bad[31] = 0; // duration 0
        assertThat(exchange(pha, bad)).isEqualTo(new StartAck(6, ip("10.1.0.7"), Result.BAD_REQUEST));
        dataPlane.status(new DataPlaneStatus("fake", false, "no privileges", 0, List.of()));
        assertThat(exchange(pha, start(7, "10.1.0.7", "203.0.113.1", 30)))
                .isEqualTo(new StartAck(7, ip("10.1.0.7"), Result.NO_ROUTE));
        assertThat(dataPlane.tunnels()).extracting(t -> t.careOfAddress()).containsOnly(ip("192.0.2.9"));
        assertThat(sha.entries()).hasSize(2);
        assertThat(sha.counts().get(ShaCount.REFUSED_CAPACITY)).isEqualTo(1);
        assertThat(sha.counts().get(ShaCount.REFUSED_NOT_A_PHA)).isEqualTo(2);
        assertThat(sha.counts().get(ShaCount.REFUSED_BAD_REQUEST)).isEqualTo(1);
        assertThat(sha.counts().get(ShaCount.REFUSED_NO_ROUTE)).isEqualTo(1);
    }

    @Test
    void garbageAndAnswersSentToAnShaAreDroppedWithoutAnswer() {
        pha.send(SHA.address(), new byte[] {1});
        pha.send(SHA.address(), DelegationCodec.encode(new StartAck(1, ip("10.1.0.7"), Result.ACCEPTED)));
        peers.deliver();
        assertThat(answers).isEmpty();
        assertThat(sha.counts().get(ShaCount.DROPPED_MALFORMED)).isEqualTo(2);
    }

    @Test
    void heartbeatsTellThePhaTheEntries() throws Exception {
        exchange(pha, start(1, "10.1.0.7", "192.0.2.9", 30));
        answers.clear();
        sha.tick();
        peers.deliver();
        assertThat(answers).singleElement().isEqualTo(new Heartbeat(1, 1, 2));
    }

    @Test
    void aRestartedPhaHasTheEntriesItDoesNotTellAgainWithinTheGraceDropped() throws Exception {
        exchange(pha, start(1, "10.1.0.7", "192.0.2.9", 30));
        exchange(pha, start(2, "10.1.0.8", "192.0.2.9", 30));
        while (dataPlane.nextCall(0) != null) {
            // the two installs
        }
        pha = peers.restart(PHA).open(3, m -> answers.add(decode(m.payload())));
        assertThat(exchange(pha, start(1, "10.1.0.7", "192.0.2.9", 30)))
                .isEqualTo(new StartAck(1, ip("10.1.0.7"), Result.ACCEPTED));
        assertThat(dataPlane.nextCall(0)).isEqualTo("install 10.1.0.7@192.0.2.9/IP_IN_IP"); // announced again
        assertThat(sha.counts().get(ShaCount.RETOLD_AFTER_PHA_RESTART)).isEqualTo(1);
        clock.advance(Duration.ofMillis(4_999));
        sha.tick();
        assertThat(sha.entries()).hasSize(2); // 10.1.0.8 still forwarded: the PHA may yet tell it
        clock.advance(Duration.ofMillis(1));
        sha.tick();
        assertThat(sha.entries()).singleElement()
                .satisfies(e -> assertThat(e.entry().tunnel().homeAddress()).isEqualTo(ip("10.1.0.7")));
        assertThat(sha.counts().get(ShaCount.DROPPED_PHA_RESTART)).isEqualTo(1);
    }

    @Test
    void withoutGraceARestartedPhaHasTheEntriesOfItsEarlierLifeDroppedAtOnce() throws Exception {
        PeerNode node = new PeerNode(3, new InetSocketAddress(ip("10.9.0.3"), 7434));
        FakeDataPlane plane = new FakeDataPlane();
        SecondaryAgent strict = new SecondaryAgent(new ShaSettings(PHA, 0, Duration.ofMillis(200),
                Duration.ofSeconds(1), Duration.ZERO), peers.link(node), plane, clock, Runnable::run, e -> { });
        pha.send(node.address(), DelegationCodec.encode(start(1, "10.1.0.7", "192.0.2.9", 30)));
        pha.send(node.address(), DelegationCodec.encode(start(2, "10.1.0.8", "192.0.2.9", 30)));
        peers.deliver();
        pha = peers.restart(PHA).open(3, m -> answers.add(decode(m.payload())));
        pha.send(node.address(), DelegationCodec.encode(start(1, "10.1.0.8", "198.51.100.4", 30)));
        peers.deliver();
        assertThat(strict.entries()).singleElement()
                .satisfies(e -> assertThat(e.entry().tunnel().careOfAddress()).isEqualTo(ip("198.51.100.4")));
        assertThat(strict.counts().get(ShaCount.DROPPED_PHA_RESTART)).isEqualTo(2);
    }

    @Test
    void stoppingTheRoleRemovesItsTunnels() throws Exception {
        exchange(pha, start(1, "10.1.0.7", "192.0.2.9", 30));
        sha.close();
        assertThat(dataPlane.tunnels()).isEmpty();
        assertThat(events).extracting(ApplianceEvent::text).last().asString().contains("secondary -> off");
    }

    // ---- Load Reports ----

    static void counted(FakeDataPlane plane, String home, String careOf, long packets) {
        plane.counters(new BindingKey(ip(home), ip(careOf)),
                new TunnelCounters(packets, packets * 100, 0, 0, 0, TunnelCounters.Scope.BINDING));
    }

    /** The SHA ticks every 200 ms for {@code millis}; the Load Reports the PHA got. */
    List<LoadReport> reportsOver(SecondaryAgent agent, long millis) {
        answers.clear();
        for (long t = 0; t < millis; t += 200) {
            clock.advance(Duration.ofMillis(200));
            agent.tick();
        }
        peers.deliver();
        return answers.stream().filter(LoadReport.class::isInstance).map(LoadReport.class::cast).toList();
    }

    @Test
    void aLoadReportListsTheEntriesThatCountedOrStartedWithTheirTunnelsCounters() throws Exception {
        exchange(pha, start(1, "10.1.0.7", "192.0.2.9", 600));
        exchange(pha, start(2, "10.1.0.8", "192.0.2.9", 600));
        counted(dataPlane, "10.1.0.7", "192.0.2.9", 40);
        counted(dataPlane, "10.1.0.8", "192.0.2.9", 0);
        assertThat(reportsOver(sha, 1000)).containsExactly(new LoadReport(1, 40, 1000, false,
                List.of(new EntryPackets(ip("10.1.0.7"), 40), new EntryPackets(ip("10.1.0.8"), 0))));
        counted(dataPlane, "10.1.0.8", "192.0.2.9", 25);
        assertThat(reportsOver(sha, 1000)).containsExactly(new LoadReport(2, 65, 2000, false,
                List.of(new EntryPackets(ip("10.1.0.8"), 25))));
        // a new care-of address: a new tunnel, counting from 0 again
        exchange(pha, start(3, "10.1.0.7", "198.51.100.4", 600));
        counted(dataPlane, "10.1.0.7", "198.51.100.4", 5);
        assertThat(reportsOver(sha, 1000)).containsExactly(new LoadReport(3, 70, 3000, false,
                List.of(new EntryPackets(ip("10.1.0.7"), 5))));
        assertThat(sha.counts().get(ShaCount.LOAD_REPORTS_SENT)).isEqualTo(3);
    }

    @Test
    void aReportHoldsTheBusiestHundredAndSaysItLeftTheRestOut() throws Exception {
        PeerNode node = new PeerNode(3, new InetSocketAddress(ip("10.9.0.3"), 7434));
        FakeDataPlane plane = new FakeDataPlane();
        SecondaryAgent big = new SecondaryAgent(new ShaSettings(PHA, 0, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ZERO),
                peers.link(node), plane, clock, Runnable::run, e -> { });
        for (int i = 1; i <= 105; i++) {
            pha.send(node.address(), DelegationCodec.encode(start(i, "10.1.1." + i, "192.0.2.9", 600)));
            counted(plane, "10.1.1." + i, "192.0.2.9", i);
        }
        peers.deliver();
        LoadReport report = reportsOver(big, 1000).get(0);
        assertThat(report.truncated()).isTrue();
        assertThat(report.entries()).hasSize(LoadReport.MAX_ENTRIES);
        assertThat(report.entries().get(0)).isEqualTo(new EntryPackets(ip("10.1.1.105"), 105));
        assertThat(report.entries()).extracting(EntryPackets::packets).doesNotContain(1L, 2L, 3L, 4L, 5L);
        assertThat(report.totalPackets()).isEqualTo(105 * 106 / 2);
        assertThat(DelegationCodec.encode(report).length).isLessThanOrEqualTo(1226);
        assertThat(reportsOver(new SecondaryAgent(new ShaSettings(PHA, 0, Duration.ofMillis(200), Duration.ZERO, Duration.ZERO),
                peers.link(new PeerNode(4, new InetSocketAddress(ip("10.9.0.4"), 7434))), plane, clock, Runnable::run,
                e -> { }), 2000)).isEmpty();
    }

    @Test
    void aBatchIsHandledElementByElementAndAnsweredWithOneBatch() throws Exception {
        byte[] badStart = DelegationCodec.encode(start(7, "10.1.0.9", "192.0.2.9", 60));
        badStart[28] = badStart[29] = badStart[30] = badStart[31] = 0; // duration 0: refused alone
        DelegationMessage.Batch request = new DelegationMessage.Batch(40, List.of(
                DelegationCodec.encode(start(5, "10.1.0.7", "192.0.2.9", 60)),
                DelegationCodec.encode(new StopForwarding(6, ip("10.1.0.8"))), badStart,
                DelegationCodec.encode(start(8, "10.1.0.10", "192.0.2.9", 60)),
                DelegationCodec.encode(start(9, "10.1.0.11", "192.0.2.9", 60))));
        DelegationMessage answer = exchange(pha, request);
        assertThat(answer).isInstanceOf(DelegationMessage.Batch.class);
        DelegationMessage.Batch batch = (DelegationMessage.Batch) answer;
        assertThat(batch.transaction()).isEqualTo(40);
        assertThat(batch.elements().stream().map(SecondaryAgentTest::decode).toList()).containsExactly(
                new StartAck(5, ip("10.1.0.7"), Result.ACCEPTED), new StopAck(6, ip("10.1.0.8"), Result.UNKNOWN_HOME),
                new StartAck(7, ip("10.1.0.9"), Result.BAD_REQUEST), new StartAck(8, ip("10.1.0.10"), Result.ACCEPTED),
                new StartAck(9, ip("10.1.0.11"), Result.CAPACITY));
        assertThat(dataPlane.tunnels()).hasSize(2);
        assertThat(sha.counts().get(ShaCount.BATCHES_RECEIVED)).isEqualTo(1);
        assertThat(sha.counts().get(ShaCount.REFUSED_CAPACITY)).isEqualTo(1);

        // a batch from a node that is not the PHA: every element refused, answered together
        DelegationMessage refused = exchange(stranger, DelegationMessage.Batch.of(41,
                List.of(start(10, "10.1.0.12", "192.0.2.9", 60), new StopForwarding(11, ip("10.1.0.7")))));
        assertThat(((DelegationMessage.Batch) refused).elements().stream().map(SecondaryAgentTest::decode).toList())
                .containsExactly(new StartAck(10, ip("10.1.0.12"), Result.NOT_A_PHA),
                        new StopAck(11, ip("10.1.0.7"), Result.NOT_A_PHA));
        assertThat(dataPlane.tunnels()).hasSize(2);
    }
}
