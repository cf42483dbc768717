package net.homeagent.hacn.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import net.homeagent.hacn.wire.HacnMessage.Activate;
import net.homeagent.hacn.wire.HacnMessage.AgentEntry;
import net.homeagent.hacn.wire.HacnMessage.LearnRequest;
import net.homeagent.hacn.wire.HacnMessage.LearnSummary;
import net.homeagent.hacn.wire.HacnMessage.LearnedAgent;
import net.homeagent.hacn.wire.HacnMessage.ReplicaAgent;
import net.homeagent.hacn.wire.HacnMessage.ReplicaHome;
import net.homeagent.hacn.wire.HacnMessage.ServeHeld;
import net.homeagent.hacn.wire.HacnMessage.StandBy;
import net.homeagent.hacn.wire.HacnMessage.AgentRole;
import net.homeagent.hacn.wire.HacnMessage.ChangeReport;
import net.homeagent.hacn.wire.HacnMessage.FailingInterrupt;
import net.homeagent.hacn.wire.HacnMessage.ForwardedReply;
import net.homeagent.hacn.wire.HacnMessage.ForwardedRequest;
import net.homeagent.hacn.wire.HacnMessage.Heartbeat;
import net.homeagent.hacn.wire.HacnMessage.Poll;
import net.homeagent.hacn.wire.HacnMessage.PollAnswer;
import net.homeagent.hacn.wire.HacnMessage.SnapshotChunk;
import net.homeagent.hacn.wire.HacnMessage.SnapshotRequest;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.codec.wire.Ipv4;

class HacnCodecTest {

    static final Instant NOW = Instant.parse("2026-12-06T06:00:00Z");

    static Inet4Address ip(String text) {
        return Ipv4.parse(text).orElseThrow();
    }

    static Binding binding(String home, String careOf, Optional<String> nai, Instant expires) {
        return new Binding(ip(home), ip(careOf), ip("192.0.2.1"), ip("198.51.100.7"), 434, nai, 600,
                NOW.minusSeconds(30), expires, 0x1122334455667788L, 0x80, Encapsulation.UDP, true, Encapsulation.GRE);
    }

    static Binding binding(String home, String careOf) {
        return binding(home, careOf, Optional.empty(), NOW.plusSeconds(570));
    }

    private static HacnMessage roundTrip(HacnMessage message) throws MalformedHacnMessage {
        return HacnCodec.decode(HacnCodec.encode(message, NOW), NOW);
    }

    @Test
    void forwardedRequestKeepsItsBytesAndAddresses() throws Exception {
        byte[] rrq = {1, 2, 3, 4, 5};
        var in = new ForwardedRequest(42, new InetSocketAddress(ip("198.51.100.7"), 1434),
                new InetSocketAddress(ip("192.0.2.1"), 434), rrq);
        byte[] wire = HacnCodec.encode(in, NOW);
        assertThat(wire).hasSize(2 + 8 + 6 + 6 + 2 + rrq.length);
        var out = (ForwardedRequest) HacnCodec.decode(wire, NOW);
        assertThat(out.requestId()).isEqualTo(42);
        assertThat(out.origin()).isEqualTo(in.origin());
        assertThat(out.arrivedOn()).isEqualTo(in.arrivedOn());
        assertThat(out.request()).containsExactly(rrq);
    }

    @Test
    void replyCarriesItsBytesOrNothingAndTheHomeAddressState() throws Exception {
        Binding b = binding("10.1.0.5", "203.0.113.9", Optional.of("mn@example.net"), NOW.plusSeconds(570));
        var out = (ForwardedReply) roundTrip(new ForwardedReply(7, Optional.of(new byte[] {3, 0, 1}), ip("10.1.0.5"),
                List.of(b)));
        assertThat(out.reply()).hasValueSatisfying(r -> assertThat(r).containsExactly(3, 0, 1));
        assertThat(out.bindings()).containsExactly(b);
        var none = (ForwardedReply) roundTrip(new ForwardedReply(8, Optional.empty(), ip("10.1.0.5"), List.of()));
        assertThat(none.reply()).isEmpty();
        assertThat(none.bindings()).isEmpty();
    }

    @Test
    void bindingTimesTravelRelativeToEachClock() throws Exception {
        Binding b = binding("10.1.0.5", "203.0.113.9");
        byte[] wire = HacnCodec.encode(new ChangeReport(3, ip("10.1.0.5"), List.of(b)), NOW);
        Instant later = NOW.plusSeconds(100);
        var out = (ChangeReport) HacnCodec.decode(wire, later);
        Binding got = out.bindings().get(0);
        assertThat(got.expiresAt()).isEqualTo(later.plusSeconds(570));
        assertThat(got.registeredAt()).isEqualTo(later.minusSeconds(30));
        assertThat(got.remainingSeconds(later)).isEqualTo(570);
        Binding forever = binding("10.1.0.6", "203.0.113.9", Optional.empty(), Instant.MAX);
        var infinite = (ChangeReport) HacnCodec.decode(
                HacnCodec.encode(new ChangeReport(4, ip("10.1.0.6"), List.of(forever)), NOW), later);
        assertThat(infinite.bindings().get(0).expiresAt()).isEqualTo(Instant.MAX);
    }

    @Test
    void everyOtherMessageRoundTrips() throws Exception {
        List<HacnMessage> messages = List.of(new Heartbeat(99, 30_000, AgentRole.STANDING_BY), new Poll(5),
                new PollAnswer(5, 99, 12, AgentRole.ACTIVATED), new FailingInterrupt("data plane down"),
                new SnapshotRequest(17), new Activate(17, 3), new StandBy(4), new StandBy(0), new ChangeReport(1, ip("10.1.0.9"), List.of()));
        for (HacnMessage m : messages) {
            assertThat(roundTrip(m)).isEqualTo(m);
        }
        var chunk = (SnapshotChunk) roundTrip(new SnapshotChunk(17, 1, 3, 55,
                List.of(binding("10.1.0.5", "203.0.113.9"), binding("10.1.0.6", "203.0.113.9"))));
        assertThat(chunk.index()).isEqualTo(1);
        assertThat(chunk.count()).isEqualTo(3);
        assertThat(chunk.sequence()).isEqualTo(55);
        assertThat(chunk.bindings()).hasSize(2);
    }

    @Test
    void theStandbysMessagesRoundTrip() throws Exception {
        var entry = new AgentEntry(3, 6, 4, true, true);
        var summary = new LearnSummary(9, true, 1_000_000_000_123L, List.of(new LearnedAgent(entry, 21, 2),
                new LearnedAgent(new AgentEntry(4, 1, 0, false, false), 22, 1)));
        for (HacnMessage m : List.of(new ReplicaAgent(77, entry), new LearnRequest(9), summary,
                new LearnSummary(10, false, 0, List.of()), new ReplicaHome(78, 2, ip("10.1.0.9"), List.of()),
                new ServeHeld(40))) {
            assertThat(roundTrip(m)).isEqualTo(m);
        }
        byte[] wire = HacnCodec.encode(summary, NOW);
        assertThat(wire).hasSize(2 + 4 + 1 + 8 + 2 + 2 * (10 + 8));
        var home = (ReplicaHome) roundTrip(new ReplicaHome(79, 2, ip("10.1.0.5"),
                List.of(binding("10.1.0.5", "203.0.113.9"), binding("10.1.0.5", "203.0.113.10"))));
        assertThat(home.sequence()).isEqualTo(79);
        assertThat(home.nodeId()).isEqualTo(2);
        assertThat(home.bindings()).extracting(Binding::careOfAddress).containsExactly(ip("203.0.113.9"),
                ip("203.0.113.10"));
        assertThat(home.bindings().get(0).expiresAt()).isEqualTo(NOW.plusSeconds(570));
    }

    @Test
    void theStandbysFieldsOutOfRangeAreRefused() {
        byte[] state = HacnCodec.encode(new ReplicaAgent(1, new AgentEntry(3, 7, 0, false, false)), NOW);
        state[2 + 8 + 4] = 8;
        assertThatThrownBy(() -> HacnCodec.decode(state, NOW)).hasMessage("HA 3 in state 8");
        byte[] node = HacnCodec.encode(new ReplicaAgent(1, new AgentEntry(3, 1, 0, false, false)), NOW);
        node[2 + 8 + 3] = 0;
        assertThatThrownBy(() -> HacnCodec.decode(node, NOW)).hasMessage("HA 0 in state 1");
        byte[] flags = HacnCodec.encode(new ReplicaAgent(1, new AgentEntry(3, 1, 0, false, false)), NOW);
        flags[flags.length - 1] = 4;
        assertThatThrownBy(() -> HacnCodec.decode(flags, NOW)).hasMessage("HA flags 4");
        byte[] standby = HacnCodec.encode(new LearnSummary(1, true, 5, List.of(new LearnedAgent(
                new AgentEntry(3, 1, 0, false, false), 2, 1))), NOW);
        standby[6] = 0; // says standby but lists an HA
        assertThatThrownBy(() -> HacnCodec.decode(standby, NOW)).hasMessageContaining("standby control node's summary");
        byte[] chunks = HacnCodec.encode(new LearnSummary(1, true, 5, List.of(new LearnedAgent(
                new AgentEntry(3, 1, 0, false, false), 2, 1))), NOW);
        chunks[chunks.length - 1] = 0;
        assertThatThrownBy(() -> HacnCodec.decode(chunks, NOW)).hasMessage("HA 3's MBR in 0 chunks");
    }

    @Test
    void sizeIsWhatTheEncoderWrites() {
        Binding b = binding("10.1.0.5", "203.0.113.9", Optional.of("mn@example.net"), NOW.plusSeconds(570));
        byte[] wire = HacnCodec.encode(new SnapshotChunk(1, 0, 1, 0, List.of(b, b)), NOW);
        assertThat(wire).hasSize(HacnCodec.CHUNK_OVERHEAD + 2 * HacnCodec.size(b));
        assertThat(HacnCodec.size(b)).isEqualTo(BindingRecords.FIXED_BYTES + "mn@example.net".length());
    }

    @Test
    void everyTruncationAndTrailingByteIsRefused() {
        byte[] wire = HacnCodec.encode(new ForwardedReply(7, Optional.of(new byte[] {3, 0, 1}), ip("10.1.0.5"),
                List.of(binding("10.1.0.5", "203.0.113.9"))), NOW);
        for (int length = 0; length < wire.length; length++) {
            byte[] cut = Arrays.copyOf(wire, length);
            assertThatThrownBy(() -> HacnCodec.decode(cut, NOW)).isInstanceOf(MalformedHacnMessage.class);
        }
        byte[] longer = Arrays.copyOf(wire, wire.length + 1);
        assertThatThrownBy(() -> HacnCodec.decode(longer, NOW)).hasMessageContaining("after the message");
    }

    @Test
    void fieldsOutOfRangeAreRefused() {
        byte[] heartbeat = HacnCodec.encode(new Heartbeat(1, 2, AgentRole.ACTIVE), NOW);
        heartbeat[0] = 2;
        assertThatThrownBy(() -> HacnCodec.decode(heartbeat, NOW)).hasMessage("version 2");
        assertThatThrownBy(() -> HacnCodec.decode(new byte[] {1, 99}, NOW)).hasMessage("type 99");
        byte[] role = HacnCodec.encode(new Heartbeat(1, 2, AgentRole.ACTIVE), NOW);
        role[role.length - 1] = 7;
        assertThatThrownBy(() -> HacnCodec.decode(role, NOW)).hasMessage("role 7");
        byte[] chunk = HacnCodec.encode(new SnapshotChunk(1, 0, 1, 0, List.of()), NOW);
        chunk[9] = 1; // index 1 of 1
        assertThatThrownBy(() -> HacnCodec.decode(chunk, NOW)).hasMessage("chunk 1 of 1");
        byte[] other = HacnCodec.encode(new ChangeReport(1, ip("10.1.0.6"), List.of(binding("10.1.0.6", "203.0.113.9"))),
                NOW);
        other[18] = 7; // the binding's home address, no longer the report's
        assertThatThrownBy(() -> HacnCodec.decode(other, NOW)).hasMessageContaining("another home address");
        byte[] encapsulation = HacnCodec.encode(new ChangeReport(1, ip("10.1.0.6"),
                List.of(binding("10.1.0.6", "203.0.113.9"))), NOW);
        encapsulation[15 + 39] = 9; // outer encapsulation
        assertThatThrownBy(() -> HacnCodec.decode(encapsulation, NOW)).hasMessage("encapsulation 9");
        byte[] standBy = HacnCodec.encode(new StandBy(3), NOW);
        standBy[2] = (byte) 0x80; // a successor node id above 2^31 - 1
        assertThatThrownBy(() -> HacnCodec.decode(standBy, NOW)).hasMessage("count 2147483651");
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButMalformed() {
        Random random = new Random(5944);
        byte[] valid = HacnCodec.encode(new SnapshotChunk(1, 0, 2, 9, List.of(binding("10.1.0.5", "203.0.113.9"))),
                NOW);
        for (int i = 0; i < 20_000; i++) {
            byte[] fuzz = i % 2 == 0 ? new byte[random.nextInt(80)] : valid.clone();
            if (i % 2 == 0) {
                random.nextBytes(fuzz);
                if (fuzz.length > 1) {
                    fuzz[0] = 1;
                    fuzz[1] = (byte) (1 + random.nextInt(16));
                }
            } else {
                fuzz[2 + random.nextInt(fuzz.length - 2)] = (byte) random.nextInt();
            }
            try {
                HacnCodec.decode(fuzz, NOW);
            } catch (MalformedHacnMessage expected) {
                // dropped and counted by the receiver
            }
        }
    }
}
