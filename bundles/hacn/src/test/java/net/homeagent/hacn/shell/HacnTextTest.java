package net.homeagent.hacn.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import net.homeagent.hacn.FakeNetwork;
import net.homeagent.hacn.control.AgentSpec;
import net.homeagent.hacn.control.ControlCore;
import net.homeagent.hacn.control.ControlSettings;
import net.homeagent.hacn.control.HaChoice;
import net.homeagent.hacn.control.OperatorRefusal;
import net.homeagent.hacn.wire.HacnCodec;
import net.homeagent.hacn.wire.HacnMessage.AgentRole;
import net.homeagent.hacn.wire.HacnMessage.ChangeReport;
import net.homeagent.hacn.wire.HacnMessage.Heartbeat;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.testing.MutableClock;
import net.homeagent.mip.codec.wire.Ipv4;
import net.homeagent.peer.PeerChannel;

class HacnTextTest {

    static final InetSocketAddress HACN = new InetSocketAddress(Ipv4.parse("10.0.0.1").orElseThrow(), 7434);
    static final InetSocketAddress HA1 = new InetSocketAddress(Ipv4.parse("10.0.0.11").orElseThrow(), 7434);
    static final InetSocketAddress HA2 = new InetSocketAddress(Ipv4.parse("10.0.0.12").orElseThrow(), 7434);
    static final InetSocketAddress HA3 = new InetSocketAddress(Ipv4.parse("10.0.0.13").orElseThrow(), 7434);

    final MutableClock clock = MutableClock.at("2026-12-06T06:00:00Z");
    final FakeNetwork network = new FakeNetwork();
    final ControlCore core = new ControlCore(new ControlSettings(Ipv4.parse("192.0.2.1").orElseThrow(), 434,
            List.of(new AgentSpec(1, HA1, false, 0, 0), new AgentSpec(2, HA2, true, 10, 50_000),
                    new AgentSpec(3, HA3, true, 20, 0)),
            new HaChoice.LeastLoaded(), Duration.ofSeconds(2), Duration.ofSeconds(1), 3, true, Duration.ZERO,
            Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30), 1200,
            Duration.ofMillis(100)), network.node(100, HACN),
            clock, e -> { });
    final PeerChannel one = network.node(1, HA1).open(2, m -> { });

    Binding binding(String home) {
        return new Binding(Ipv4.parse(home).orElseThrow(), Ipv4.parse("203.0.113.9").orElseThrow(),
                Ipv4.parse("192.0.2.1").orElseThrow(), Ipv4.parse("203.0.113.9").orElseThrow(), 434,
                Optional.of("mn@example.net"), 600, clock.instant(), clock.instant().plusSeconds(600), 1, 0x02,
                Encapsulation.GRE, true);
    }

    void haOneHolds(int mobiles) {
        one.send(HACN, HacnCodec.encode(new Heartbeat(mobiles, mobiles, AgentRole.ACTIVE), clock.instant()));
        for (int i = 1; i <= mobiles; i++) {
            Binding b = binding("10.1.0." + i);
            one.send(HACN, HacnCodec.encode(new ChangeReport(i, b.homeAddress(), List.of(b)), clock.instant()));
        }
        network.deliverAll();
    }

    @Test
    void theOperatorSeesEachHaItsLoadAndTheRedundantOnesInTheOrderOfChoice() {
        haOneHolds(1);
        network.node(3, HA3).open(2, m -> { }).send(HACN, HacnCodec.encode(new Heartbeat(0, 0,
                AgentRole.STANDING_BY), clock.instant()));
        network.deliverAll();
        clock.advance(Duration.ofMillis(1500));

        String agents = HacnText.agents(core.view(), clock.instant());
        assertThat(agents.lines()).hasSize(4);
        assertThat(agents.lines().skip(1).findFirst().orElseThrow())
                .matches("1 +10\\.0\\.0\\.11:7434 +active +active +1 +1 +1 +1\\.5 +- +0 +0 +0 +- +1");
        assertThat(agents.lines().skip(2).findFirst().orElseThrow())
                .matches("2 +10\\.0\\.0\\.12:7434 +redundant:p10:c50000 +unknown +0 +0 +0 +never +0% +0 +0 +0 +- +0");

        String redundant = HacnText.redundant(core.redundant());
        assertThat(redundant.lines().skip(1)).satisfiesExactly(
                line -> assertThat(line).matches("3 +10\\.0\\.0\\.13:7434 +standing-by +20 +- +0 next"),
                line -> assertThat(line).matches("2 +10\\.0\\.0\\.12:7434 +unknown +10 +50000 +0 -"));

        String status = HacnText.status(core, Optional.empty());
        assertThat(status).contains("public address  192.0.2.1:434", "control node    active, no standby control node",
                "policy          least-loaded",
                "heartbeats 3 x 1000 ms, silent HAs polled, every HA in turn off",
                "3 (2 redundant): active=1, standing-by=1, unknown=1", "checkpoint      off");
        assertThat(HacnText.stats(core.counters())).containsPattern("(?m)^reports-received +1$");
    }

    @Test
    void aSnapshotIsListedAPageAtATime() {
        haOneHolds(5);
        String first = HacnText.snapshot(1, core.bindings(1), 0, 2, clock.instant());
        assertThat(first.lines()).hasSize(4);
        assertThat(first.lines().skip(1).findFirst().orElseThrow())
                .matches("10\\.1\\.0\\.1 +203\\.0\\.113\\.9 +192\\.0\\.2\\.1 +600 +600 +gre\\+rev +0x02 mn@example\\.net");
        assertThat(first).endsWith("HA 1: records 1-2 of 5; next page: hacn:snapshot --offset 2 --limit 2 1\n");
        String last = HacnText.snapshot(1, core.bindings(1), 4, 2, clock.instant());
        assertThat(last.lines()).hasSize(3);
        assertThat(last).contains("10.1.0.5").endsWith("HA 1: records 5-5 of 5\n");
        assertThat(HacnText.snapshot(1, core.bindings(1), 9, 2, clock.instant())).endsWith("HA 1: 5 records, none from offset 9\n");
    }

    @Test
    void badOperatorInputIsRefusedWithTheReason() {
        haOneHolds(2);
        assertThatThrownBy(() -> core.bindings(7)).isInstanceOf(OperatorRefusal.class)
                .hasMessage("no HA 7 (configured: [1, 2, 3])");
        assertThatThrownBy(() -> core.failover(7)).hasMessage("no HA 7 (configured: [1, 2, 3])");
        assertThatThrownBy(() -> core.failover(2)).hasMessage("HA 2 is unknown: only an active HA is switched over");
        assertThatThrownBy(() -> core.failover(1)).hasMessage("no redundant HA stands by: HA 1 keeps its 2 bindings");
    }
}
