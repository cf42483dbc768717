package net.homeagent.peer.link;

import static net.homeagent.peer.link.LinkFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.homeagent.peer.PeerChannel;

/**
 * Datagrams that must not reach a role: each is dropped, counted under its reason, and the
 * receiver is never called; the link's state (its windows) does not move.
 */
class DroppedDatagramsTest {

    private static final int SERVICE = 1;
    private static final int NODE = 9;
    private final LinkFixture links = new LinkFixture();
    private final LinkFixture.Inbox inbox = new LinkFixture.Inbox();
    private PeerLinkEngine b;
    private DatagramSocket peer;

    @BeforeEach
    void start() throws Exception {
        b = links.start(2, new ManualTimer());
        b.open(SERVICE, inbox::receive);
        peer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() {
        peer.close();
        links.close();
    }

    private static byte[] datagram(int group, long epoch, long sequence, int keyId, byte[] key, int service) {
        byte[] record = new PeerRecord.Data(true, service, sequence, "x".getBytes(StandardCharsets.UTF_8)).encode();
        PeerKeys keys = new PeerKeys(Map.of(keyId, key), keyId);
        return DatagramCodec.encode(new DatagramHeader(PeerWire.VERSION, group, NODE, epoch, sequence, keyId, 1),
                List.of(record), keys.mac(keyId).orElseThrow());
    }

    private static byte[] valid(long epoch, long sequence) {
        return datagram(LinkFixture.GROUP, epoch, sequence, 1, LinkFixture.KEY_1, SERVICE);
    }

    private void sendToB(byte[] datagram) throws Exception {
        long before = b.status().datagramsReceived();
        peer.send(new DatagramPacket(datagram, datagram.length, address(b)));
        LinkFixture.awaitCount(() -> b.status().datagramsReceived(), before + 1);
        LinkFixture.settle(b);
    }

    private long dropped(String reason) {
        return b.status().dropped().get(reason);
    }

    private void assertOnlyDropped(String reason, long count) {
        assertThat(b.status().dropped()).containsEntry(reason, count)
                .allSatisfy((key, value) -> assertThat(value).isEqualTo(key.equals(reason) ? count : 0L));
    }

    @Test
    void aValidDatagramIsDeliveredOnce() throws Exception {
        sendToB(valid(5, 1));

        assertThat(inbox.messages.poll(10, TimeUnit.SECONDS).sender().nodeId()).isEqualTo(NODE);
        assertOnlyDropped("replay", 0);
    }

    @Test
    void aBadHmacIsDropped() throws Exception {
        byte[] datagram = valid(5, 1);
        datagram[datagram.length - 1] ^= 1;

        sendToB(datagram);

        assertOnlyDropped("bad-hmac", 1);
        assertThat(inbox.messages).isEmpty();
    }

    @Test
    void aChangedByteUnderTheHmacIsDropped() throws Exception {
        byte[] datagram = valid(5, 1);
        datagram[PeerWire.HEADER_LENGTH + PeerWire.RECORD_HEADER_LENGTH + PeerWire.DATA_FIXED_LENGTH] ^= 1;

        sendToB(datagram);

        assertOnlyDropped("bad-hmac", 1);
        assertThat(inbox.messages).isEmpty();
    }

    @Test
    void anUnknownKeyIdIsDropped() throws Exception {
        sendToB(datagram(LinkFixture.GROUP, 5, 1, 3, LinkFixture.KEY_1, SERVICE));

        assertOnlyDropped("unknown-key", 1);
        assertThat(inbox.messages).isEmpty();
    }

    @Test
    void aReplayedDatagramIsDroppedAndNotDeliveredAgain() throws Exception {
        byte[] datagram = valid(5, 1);
        sendToB(datagram);
        inbox.next();

        sendToB(datagram);

        assertOnlyDropped("replay", 1);
        assertThat(inbox.messages).isEmpty();
        assertThat(b.status().messagesDelivered()).isEqualTo(1);
    }

    @Test
    void anOlderEpochOfAKnownSenderIsAReplay() throws Exception {
        sendToB(valid(5, 1));
        inbox.next();

        sendToB(valid(4, 2));

        assertOnlyDropped("replay", 1);
        assertThat(inbox.messages).isEmpty();
    }

    @Test
    void aNewerEpochIsARestartedSenderWithFreshWindows() throws Exception {
        sendToB(valid(5, 7));
        inbox.next();

        sendToB(valid(6, 1));

        assertThat(inbox.next().senderEpoch()).isEqualTo(6);
        assertOnlyDropped("replay", 0);
    }

    @Test
    void aDatagramBelowTheWindowIsAReplay() throws Exception {
        sendToB(valid(5, 5000));
        inbox.next();

        sendToB(valid(5, 5000 - 1024));

        assertOnlyDropped("replay", 1);
        assertThat(inbox.messages).isEmpty();
    }

    @Test
    void aForeignGroupIsDropped() throws Exception {
        sendToB(datagram(LinkFixture.GROUP + 1, 5, 1, 1, LinkFixture.KEY_1, SERVICE));

        assertOnlyDropped("foreign-group", 1);
        assertThat(inbox.messages).isEmpty();
    }

    @Test
    void aServiceNobodyOpenedIsDroppedAndNotAcknowledged() throws Exception {
        sendToB(datagram(LinkFixture.GROUP, 5, 1, 1, LinkFixture.KEY_1, 99));

        assertOnlyDropped("no-channel", 1);
        assertThat(b.status().datagramsSent()).isZero();
    }

    @Test
    void truncatedDatagramsAreMalformed() throws Exception {
        byte[] datagram = valid(5, 1);
        sendToB(Arrays.copyOf(datagram, PeerWire.DATAGRAM_OVERHEAD - 1));
        sendToB(Arrays.copyOf(datagram, datagram.length - 1));

        // cut short, the HMAC trailer is read from the wrong place: authentication fails first
        assertThat(dropped("malformed")).isEqualTo(1);
        assertThat(dropped("bad-hmac")).isEqualTo(1);
        assertThat(inbox.messages).isEmpty();
    }

    @Test
    void garbageAndUnknownVersionsAreMalformed() throws Exception {
        byte[] garbage = new byte[200];
        Arrays.fill(garbage, (byte) 0x5a);
        sendToB(garbage);
        byte[] nextVersion = valid(5, 1);
        nextVersion[2] = 2;
        sendToB(nextVersion);

        assertOnlyDropped("malformed", 2);
        assertThat(inbox.messages).isEmpty();
    }

    @Test
    void authenticRecordsWithBadLengthsAreMalformed() throws Exception {
        byte[] record = new PeerRecord.Data(true, SERVICE, 1, new byte[4]).encode();
        record[3] = 100; // body longer than the datagram
        PeerKeys keys = LinkFixture.KEYS_1;
        byte[] datagram = DatagramCodec.encode(new DatagramHeader(PeerWire.VERSION, LinkFixture.GROUP, NODE, 5, 1, 1, 1),
                List.of(record), keys.mac(1).orElseThrow());

        sendToB(datagram);

        assertOnlyDropped("malformed", 1);
        assertThat(inbox.messages).isEmpty();
        // the datagram sequence it carried was not taken: the same number is still new
        sendToB(valid(5, 1));
        assertThat(inbox.next().sender().nodeId()).isEqualTo(NODE);
    }

    @Test
    void keysRollOverWhileEveryNodeAcceptsBoth() throws Exception {
        // rollover, step 2: every node holds keys 1 and 2; node 5 already signs with 2, nodes 3 and 4 still with 1
        PeerKeys both = new PeerKeys(Map.of(1, LinkFixture.KEY_1, 2, LinkFixture.KEY_2), 1);
        PeerKeys bothSendingNew = new PeerKeys(Map.of(1, LinkFixture.KEY_1, 2, LinkFixture.KEY_2), 2);
        PeerLinkEngine receiver = links.start(LinkFixture.settings(3, List.of()), both, 3, new ManualTimer());
        PeerLinkEngine oldOnly = links.start(LinkFixture.settings(4, List.of()), LinkFixture.KEYS_1, 4, new ManualTimer());
        PeerLinkEngine newSender = links.start(LinkFixture.settings(5, List.of()), bothSendingNew, 5, new ManualTimer());
        LinkFixture.Inbox received = new LinkFixture.Inbox();
        receiver.open(SERVICE, received::receive);
        oldOnly.open(SERVICE, m -> { });
        PeerChannel newChannel = newSender.open(SERVICE, m -> { });

        newChannel.send(address(receiver), "new key".getBytes(StandardCharsets.UTF_8)).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertThat(received.next().sender().nodeId()).isEqualTo(5);

        // a node that does not hold key 2 yet cannot take it
        newChannel.send(address(oldOnly), "new key".getBytes(StandardCharsets.UTF_8));
        LinkFixture.awaitCount(() -> oldOnly.status().dropped().get("unknown-key"), 1);
        assertThat(oldOnly.status().messagesDelivered()).isZero();
    }
}
