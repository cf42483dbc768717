package net.homeagent.delegation.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import net.homeagent.delegation.FakePeers;
import net.homeagent.delegation.pha.EqualSplit;
import net.homeagent.delegation.pha.LoadSettings;
import net.homeagent.delegation.pha.LocalInterception;
import net.homeagent.delegation.pha.PhaSettings;
import net.homeagent.delegation.pha.Policies;
import net.homeagent.delegation.pha.PrimaryAgent;
import net.homeagent.delegation.pha.ReplyOrder;
import net.homeagent.delegation.sha.SecondaryAgent;
import net.homeagent.delegation.sha.ShaSettings;
import net.homeagent.delegation.wire.DelegationCodec;
import net.homeagent.delegation.wire.DelegationMessage.StartForwarding;
import net.homeagent.mip.api.BindingKey;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.TunnelCounters;
import net.homeagent.mip.api.testing.FakeBindingStore;
import net.homeagent.mip.api.testing.FakeDataPlane;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.codec.wire.Ipv4;
import net.homeagent.peer.PeerNode;

class DelegationTextTest {

    final FakePeers peers = new FakePeers();
    final MutableClock clock = MutableClock.at("2026-12-06T20:00:00Z");
    final PeerNode phaNode = new PeerNode(1, new InetSocketAddress(Ipv4.parse("10.9.0.1").orElseThrow(), 7434));
    final PeerNode shaNode = new PeerNode(2, new InetSocketAddress(Ipv4.parse("10.9.0.2").orElseThrow(), 7434));

    @Test
    void theShaShowsEachEntryWithItsTunnelSourceTimeLeftAndTraffic() {
        FakeDataPlane plane = new FakeDataPlane();
        SecondaryAgent sha = new SecondaryAgent(new ShaSettings(phaNode, 0, Duration.ofMillis(200)),
                peers.link(shaNode), plane, clock, Runnable::run, e -> { });
        var home = Ipv4.parse("10.1.0.7").orElseThrow();
        var careOf = Ipv4.parse("192.0.2.9").orElseThrow();
        peers.link(phaNode).open(3, m -> { }).send(shaNode.address(), DelegationCodec.encode(new StartForwarding(1,
                home, careOf, Ipv4.parse("10.1.0.1").orElseThrow(), Encapsulation.GRE, Encapsulation.IP_IN_IP, true,
                Optional.empty(), 90)));
        peers.deliver();
        plane.counters(new BindingKey(home, careOf), new TunnelCounters(12, 1200, 3, 300, 0,
                TunnelCounters.Scope.BINDING));
        String text = DelegationText.secondaryStatus(sha);
        assertThat(text).contains("role: secondary home agent of PHA 1@10.9.0.1:7434")
                .contains("entries: 1")
                .containsPattern("10\\.1\\.0\\.7 +-> 192\\.0\\.2\\.9 +source 10\\.1\\.0\\.1 +GRE +reverse 90 s left, 12"
                        + " packets tunnelled, 3 reverse")
                .contains("  started: 1\n");
    }

    @Test
    void thePhaListsItsShasAndCounters() {
        PrimaryAgent pha = new PrimaryAgent(new PhaSettings(List.of(shaNode), EqualSplit.NAME, ReplyOrder.AFTER_ACK,
                Duration.ofMillis(500), Duration.ofMillis(200), 2), peers.link(phaNode), new FakeBindingStore(), clock,
                Runnable::run, Policies.standard(EqualSplit.NAME, LoadSettings.DEFAULTS), new LocalInterception(), key -> Optional.empty(),
                e -> { });
        assertThat(DelegationText.shas(pha)).contains("sha").containsPattern("2 +10\\.9\\.0\\.2:7434 +unknown +0 +0 +0 +0 +0"
                + " +- +never +0 +-\n");
        assertThat(DelegationText.primaryStatus(pha)).contains("policy: equal-split (known: equal-split, packet-threshold, even-load, manual)")
                .contains("load: every 1000 ms, move above 1000 and return below 200 packets per interval, at most 10"
                        + " moves per interval, hold 3 intervals, even band 20 %")
                .contains("order: after-ack, ack timeout 500 ms, heartbeat 200 ms x 2")
                .contains("delegated: 0 accepted, 0 on their way (Starts: 0 in flight, 0 queued; window 1024 per SHA);"
                        + " 0 binding changes not applied yet\n")
                .contains("  starts-sent: 0\n").contains("  starts-queued: 0\n").contains("  starts-coalesced: 0\n")
                .contains("  changes-folded: 0\n");
    }
}
