package net.homeagent.group;

import static net.homeagent.group.TestBindings.binding;
import static net.homeagent.group.TestBindings.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import net.homeagent.group.wire.MalformedSyncMessage;
import net.homeagent.group.wire.SyncCodec;
import net.homeagent.group.wire.SyncMessage;
import net.homeagent.group.wire.SyncMessage.LearnChunk;
import net.homeagent.group.wire.SyncMessage.LearnRequest;
import net.homeagent.group.wire.SyncMessage.MemberAnnounce;
import net.homeagent.group.wire.SyncMessage.MemberInfo;
import net.homeagent.group.wire.SyncMessage.NotInitialized;
import net.homeagent.group.wire.SyncMessage.Relearn;
import net.homeagent.group.wire.SyncMessage.RepairRequest;
import net.homeagent.group.wire.SyncMessage.StateChange;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.RemovalReason;

class SyncCodecTest {

    private static final Instant NOW = Instant.parse("2026-12-06T03:00:00Z");

    @Test
    void everyMessageRoundTrips() {
        Binding nai = new Binding(ip("10.1.0.2"), ip("198.51.100.9"), ip("192.0.2.1"), ip("198.51.100.1"), 4344,
                Optional.of("mn@example.net"), 600, NOW.minusSeconds(30), NOW.plusSeconds(570), 42, 0x06,
                Encapsulation.GRE, true);
        List<SyncMessage> messages = List.of(
                new StateChange(3, 7, ip("10.1.0.1"), List.of(binding("10.1.0.1", "198.51.100.7", NOW, 300)), Optional.empty()),
                new StateChange(3, 8, ip("10.1.0.1"), List.of(), Optional.of(RemovalReason.EXPIRED)),
                new LearnRequest(3, 99),
                new LearnChunk(99, 0, 2, MemberState.ACTIVE, 3, 8, List.of(new MemberInfo(1, new InetSocketAddress("10.0.0.1", 7420),
                        MemberState.ACTIVE)), List.of(nai)),
                new NotInitialized(99),
                new MemberAnnounce(MemberState.STANDBY, 3L << 40),
                new RepairRequest(3, 7, 9),
                new Relearn(3, 1, 1));
        for (SyncMessage message : messages) {
            assertThat(SyncCodec.decode(SyncCodec.encode(message, NOW), NOW)).isEqualTo(message);
        }
    }

    @Test
    void timesTravelRelativeToTheClocks() {
        Binding sent = binding("10.1.0.1", "198.51.100.7", NOW.minusSeconds(100), 300);
        byte[] wire = SyncCodec.encode(new StateChange(1, 1, ip("10.1.0.1"), List.of(sent), Optional.empty()), NOW);

        Instant receiverClock = NOW.plusSeconds(3600);
        Binding received = ((StateChange) SyncCodec.decode(wire, receiverClock)).bindings().get(0);

        assertThat(received.expiresAt()).isEqualTo(receiverClock.plusSeconds(200));
        assertThat(received.registeredAt()).isEqualTo(receiverClock.minusSeconds(100));
        Binding forever = new Binding(sent.homeAddress(), sent.careOfAddress(), sent.homeAgent(), sent.sourceAddress(),
                434, Optional.empty(), 0xFFFF, NOW, Instant.MAX, 1, 0, Encapsulation.IP_IN_IP, false);
        wire = SyncCodec.encode(new StateChange(1, 2, ip("10.1.0.1"), List.of(forever), Optional.empty()), NOW);
        assertThat(((StateChange) SyncCodec.decode(wire, receiverClock)).bindings().get(0).expiresAt())
                .isEqualTo(Instant.MAX);
    }

    @Test
    void refusesWhatIsNotAWholeValidMessage() {
        byte[] change = SyncCodec.encode(new StateChange(1, 7, ip("10.1.0.1"),
                List.of(binding("10.1.0.1", "198.51.100.7", NOW, 300)), Optional.empty()), NOW);
        assertThatThrownBy(() -> SyncCodec.decode(Arrays.copyOf(change, change.length - 1), NOW))
                .isInstanceOf(MalformedSyncMessage.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> SyncCodec.decode(Arrays.copyOf(change, change.length + 1), NOW))
                .isInstanceOf(MalformedSyncMessage.class).hasMessageContaining("after the message");
        byte[] otherVersion = change.clone();
        otherVersion[0] = 1; // without terms: its sequence numbers would mean something else
        assertThatThrownBy(() -> SyncCodec.decode(otherVersion, NOW)).hasMessageContaining("version 1");
        byte[] otherType = change.clone();
        otherType[1] = 9;
        assertThatThrownBy(() -> SyncCodec.decode(otherType, NOW)).hasMessageContaining("type 9");
        byte[] otherHome = change.clone();
        otherHome[24 + 3] = 2; // the binding's home address, after the 24-byte header
        assertThatThrownBy(() -> SyncCodec.decode(otherHome, NOW)).hasMessageContaining("another home address");
        assertThatThrownBy(() -> SyncCodec.decode(new byte[0], NOW)).isInstanceOf(MalformedSyncMessage.class);
        byte[] backwards = SyncCodec.encode(new RepairRequest(3, 7, 9), NOW);
        backwards[2 + 8 + 7] = 10; // first 10 > last 9
        assertThatThrownBy(() -> SyncCodec.decode(backwards, NOW)).hasMessageContaining("sequence range 10-9");
        assertThatThrownBy(() -> SyncCodec.decode(new byte[] {2, 5, 9, 0, 0, 0, 0, 0, 0, 0, 1}, NOW))
                .hasMessageContaining("member state 9");
    }
}
