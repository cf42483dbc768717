package net.homeagent.hacn.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import net.homeagent.hacn.FakeNetwork;
import net.homeagent.hacn.control.AgentSpec;
import net.homeagent.hacn.control.ControlCore;
import net.homeagent.hacn.control.ControlSettings;
import net.homeagent.hacn.control.HaChoice;
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

    final MutableClock clock = MutableClock.at("2026-12-06T06:00:00Z");
    final FakeNetwork network = new FakeNetwork();
    final ControlCore core = new ControlCore(new ControlSettings(Ipv4.parse("192.0.2.1").orElseThrow(), 434,
            List.of(new AgentSpec(1, HA1, false, 0, 0), new AgentSpec(2, HA2, true, 10, 50_000)),
            new HaChoice.LeastLoaded(), Duration.ofSeconds(2), Duration.ofSeconds(1), 3, true, Duration.ZERO,
            Duration.ofMillis(500), Duration.ofSeconds(2), 1200, Duration.ofMillis(100)), network.node(100, HACN),
            clock, e -> { });

    @Test
    void theOperatorSeesEachHaAndItsMbrSnapshot() {
        PeerChannel one = network.node(1, HA1).open(2, m -> { });
        Binding b = new Binding(Ipv4.parse("10.1.0.5").orElseThrow(), Ipv4.parse("203.0.113.9").orElseThrow(),
                Ipv4.parse("192.0.2.1").orElseThrow(), Ipv4.parse("203.0.113.9").orElseThrow(), 434,
                Optional.of("mn@example.net"), 600, clock.instant(), clock.instant().plusSeconds(600), 1, 0x02,
                Encapsulation.GRE, true);
        one.send(HACN, HacnCodec.encode(new Heartbeat(1, 1, AgentRole.ACTIVE), clock.instant()));
        one.send(HACN, HacnCodec.encode(new ChangeReport(1, b.homeAddress(), List.of(b)), clock.instant()));
        network.deliverAll();
        clock.advance(Duration.ofMillis(1500));

        String agents = HacnText.agents(core.view(), clock.instant());
        assertThat(agents.lines()).hasSize(3);
        assertThat(agents.lines().skip(1).findFirst().orElseThrow())
                .matches("1 +10\\.0\\.0\\.11:7434 +active +active +1 +1 +1 +1\\.5 +0 +- +1");
        assertThat(agents.lines().skip(2).findFirst().orElseThrow())
                .matches("2 +10\\.0\\.0\\.12:7434 +redundant p10 c50000 +unknown +0 +0 +0 +never +0 +- +0");

        String bindings = HacnText.bindings(core, OptionalInt.empty(), clock.instant());
        assertThat(bindings.lines().skip(1).findFirst().orElseThrow())
                .matches("1 +10\\.1\\.0\\.5 +203\\.0\\.113\\.9 +192\\.0\\.2\\.1 +600 +599 +gre\\+rev +0x02 mn@example\\.net");
        assertThat(HacnText.bindings(core, OptionalInt.of(2), clock.instant()).lines()).hasSize(1);

        String status = HacnText.status(core);
        assertThat(status).contains("public address  192.0.2.1:434", "policy          least-loaded",
                "heartbeats 3 x 1000 ms, silent HAs polled, every HA in turn off", "2 (1 redundant)");
        assertThat(status).containsPattern("reports-received +1");
    }
}
