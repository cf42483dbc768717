package net.homeagent.peer.link;

import static net.homeagent.peer.link.LinkFixture.address;
import static net.homeagent.peer.link.LinkFixture.node;
import static net.homeagent.peer.link.LinkFixture.settle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import net.homeagent.peer.GroupDelivery;
import net.homeagent.peer.PeerChannel;
import net.homeagent.peer.PeerMessage;
import net.homeagent.peer.PeerNode;
import net.homeagent.peer.PeerUnreachableException;

/** Two or three links on 127.0.0.1 with manual timers: reliable unicast and group sends, loss, give-up, batching. */
class PeerLinkEngineTest {

    private static final int SERVICE = 1;
    private final LinkFixture links = new LinkFixture();

    @AfterEach
    void stop() {
        links.close();
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void await(CompletionStage<?> stage) throws Exception {
        stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void reliableUnicastIsDeliveredWithItsSenderAndAcknowledged() throws Exception {
        PeerLinkEngine a = links.start(1, new ManualTimer());
        PeerLinkEngine b = links.start(2, new ManualTimer());
        LinkFixture.Inbox inbox = new LinkFixture.Inbox();
        b.open(SERVICE, inbox::receive);
        PeerChannel channel = a.open(SERVICE, m -> { });

        CompletionStage<Void> acknowledged = channel.send(address(b), text("hello"));

        PeerMessage message = inbox.next();
        assertThat(message.payload()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
        assertThat(message.service()).isEqualTo(SERVICE);
        assertThat(message.sender()).isEqualTo(node(a));
        assertThat(message.senderEpoch()).isEqualTo(1001);
        await(acknowledged);
        assertThat(a.status().messagesSent()).isEqualTo(1);
        assertThat(b.status().messagesDelivered()).isEqualTo(1);
        assertThat(a.status().retransmissions()).isZero();
    }

    @Test
    void groupSendIsAcknowledgedByEachMember() throws Exception {
        PeerLinkEngine a = links.start(1, new ManualTimer());
        PeerLinkEngine b = links.start(2, new ManualTimer());
        PeerLinkEngine c = links.start(3, new ManualTimer());
        LinkFixture.Inbox inboxB = new LinkFixture.Inbox();
        LinkFixture.Inbox inboxC = new LinkFixture.Inbox();
        b.open(SERVICE, inboxB::receive);
        c.open(SERVICE, inboxC::receive);

        GroupDelivery delivery = a.open(SERVICE, m -> { }).sendToGroup(List.of(node(b), node(c)), text("bind"));

        assertThat(inboxB.next().payload()).isEqualTo(text("bind"));
        assertThat(inboxC.next().payload()).isEqualTo(text("bind"));
        await(delivery.all());
        assertThat(delivery.byMember()).containsOnlyKeys(2, 3);
        assertThat(delivery.byMember().values()).allSatisfy(stage -> assertThat(stage).isCompleted());
    }

    @Test
    void oneSilentMemberFailsItsStageAndAllButNotTheOthers() throws Exception {
        ManualTimer timer = new ManualTimer();
        PeerLinkEngine a = links.start(1, timer);
        PeerLinkEngine b = links.start(2, new ManualTimer());
        PeerLinkEngine silent = links.start(3, new ManualTimer());
        b.open(SERVICE, m -> { });
        LinkFixture.putInFront(silent, new LinkFixture.LoseInbound(Integer.MAX_VALUE));

        GroupDelivery delivery = a.open(SERVICE, m -> { }).sendToGroup(List.of(node(b), node(silent)), text("x"));
        await(delivery.byMember().get(2));
        while (timer.runNext()) {
            settle(a);
        }

        assertThat(delivery.byMember().get(3)).failsWithin(Duration.ZERO)
                .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(PeerUnreachableException.class);
        assertThat(delivery.all()).isCompletedExceptionally();
        assertThat(a.status().givenUp()).isEqualTo(1);
    }

    @Test
    void lostDatagramsAreRetransmittedWithDoublingIntervalsUntilDelivered() throws Exception {
        ManualTimer timer = new ManualTimer();
        PeerLinkEngine a = links.start(1, timer);
        PeerLinkEngine b = links.start(2, new ManualTimer());
        LinkFixture.Inbox inbox = new LinkFixture.Inbox();
        b.open(SERVICE, inbox::receive);
        LinkFixture.putInFront(b, new LinkFixture.LoseInbound(3, Optional.of(address(a))));

        CompletionStage<Void> acknowledged = a.open(SERVICE, m -> { }).send(address(b), text("lost thrice"));
        settle(a);
        for (int retransmission = 0; retransmission < 3; retransmission++) {
            timer.runNext();
            settle(a);
        }

        assertThat(inbox.next().payload()).isEqualTo(text("lost thrice"));
        await(acknowledged);
        assertThat(timer.delays()).containsExactly(200L, 400L, 800L, 1600L);
        assertThat(a.status().retransmissions()).isEqualTo(3);
        assertThat(b.status().messagesDelivered()).isEqualTo(1);
    }

    @Test
    void unacknowledgedSendGivesUpAfterTheBoundWithItsTransmissions() throws Exception {
        ManualTimer timer = new ManualTimer();
        PeerLinkEngine a = links.start(1, timer);
        PeerLinkEngine b = links.start(2, new ManualTimer());
        LinkFixture.putInFront(b, new LinkFixture.LoseInbound(Integer.MAX_VALUE));

        CompletionStage<Void> acknowledged = a.open(SERVICE, m -> { }).send(address(b), text("nobody"));
        settle(a);
        while (timer.runNext()) {
            settle(a);
        }

        // 200, 400, 800, 1600, 3200, 3200 then the 600 ms left of the 10 s bound: 7 transmissions
        assertThat(timer.delays()).containsExactly(200L, 400L, 800L, 1600L, 3200L, 3200L, 600L);
        assertThatThrownBy(() -> acknowledged.toCompletableFuture().get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(PeerUnreachableException.class)
                .cause().satisfies(e -> {
                    PeerUnreachableException unreachable = (PeerUnreachableException) e;
                    assertThat(unreachable.attempts()).isEqualTo(7);
                    assertThat(unreachable.peer().address()).isEqualTo(address(b));
                });
        assertThat(a.status().givenUp()).isEqualTo(1);
    }

    @Test
    void aRetransmittedDuplicateIsAcknowledgedAgainButDeliveredOnce() throws Exception {
        ManualTimer timer = new ManualTimer();
        PeerLinkEngine a = links.start(1, timer);
        PeerLinkEngine b = links.start(2, new ManualTimer());
        AtomicInteger deliveries = new AtomicInteger();
        b.open(SERVICE, m -> deliveries.incrementAndGet());
        LinkFixture.putInFront(a, new LinkFixture.LoseInbound(1, Optional.of(address(b)))); // B's first ack is lost

        CompletionStage<Void> acknowledged = a.open(SERVICE, m -> { }).send(address(b), text("once"));
        LinkFixture.awaitCount(() -> b.status().messagesDelivered(), 1);
        settle(b);
        LinkFixture.awaitCount(() -> b.status().datagramsSent(), 1);
        timer.runNext();
        settle(a);
        await(acknowledged);
        // B counts a datagram after writing it: A may hold the ack before B's counter moves
        LinkFixture.awaitCount(() -> b.status().datagramsSent(), 2);
        settle(b);

        assertThat(deliveries).hasValue(1);
        assertThat(b.status().datagramsSent()).isEqualTo(2);
        assertThat(a.status().retransmissions()).isEqualTo(1);
    }

    @Test
    void aReceiverThatThrowsIsNotAcknowledgedAndGetsTheMessageAgain() throws Exception {
        ManualTimer timer = new ManualTimer();
        PeerLinkEngine a = links.start(1, timer);
        PeerLinkEngine b = links.start(2, new ManualTimer());
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<PeerMessage> accepted = new CompletableFuture<>();
        b.open(SERVICE, m -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("not ready");
            }
            accepted.complete(m);
        });

        CompletionStage<Void> acknowledged = a.open(SERVICE, m -> { }).send(address(b), text("again"));
        LinkFixture.awaitCount(calls::get, 1);
        settle(b);
        assertThat(acknowledged).isNotDone();
        timer.runNext();
        settle(a);

        await(accepted);
        await(acknowledged);
        assertThat(calls).hasValue(2);
    }

    @Test
    void manySmallSendsShareDatagramsNoneAboveTheMtu() throws Exception {
        PeerLinkEngine a = links.start(LinkFixture.settings(1, List.of(), 300), LinkFixture.KEYS_1, 1,
                new ManualTimer());
        PeerLinkEngine b = links.start(2, new ManualTimer());
        LinkFixture.SentSizes sizes = new LinkFixture.SentSizes();
        LinkFixture.putInFront(a, sizes);
        AtomicInteger delivered = new AtomicInteger();
        b.open(SERVICE, m -> delivered.incrementAndGet());
        PeerChannel channel = a.open(SERVICE, m -> { });

        List<CompletableFuture<Void>> sends = new ArrayList<>();
        a.channel().eventLoop().submit(() -> {
            for (int i = 0; i < 100; i++) {
                sends.add(channel.send(address(b), text("message " + i)).toCompletableFuture());
            }
        }).syncUninterruptibly();
        await(CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)));

        assertThat(delivered).hasValue(100);
        assertThat(sizes.sizes).hasSizeLessThan(100).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(300));
        assertThat(a.status().datagramsSent()).isEqualTo(sizes.sizes.size());
        // 100 records of 23 or 24 bytes, at most 236 bytes of records a datagram: 11 datagrams if every
        // send is queued before the loop flushes, a few more if a flush falls between them
        assertThat(sizes.sizes.size()).isLessThan(20);
    }

    @Test
    void announceFansOutToTheConfiguredPeersUnacknowledged() throws Exception {
        PeerLinkEngine b = links.start(2, new ManualTimer());
        PeerLinkEngine c = links.start(3, new ManualTimer());
        PeerLinkEngine a = links.start(LinkFixture.settings(1, List.of(node(b), node(c))), LinkFixture.KEYS_1, 1,
                new ManualTimer());
        LinkFixture.Inbox inboxB = new LinkFixture.Inbox();
        LinkFixture.Inbox inboxC = new LinkFixture.Inbox();
        b.open(SERVICE, inboxB::receive);
        c.open(SERVICE, inboxC::receive);

        a.open(SERVICE, m -> { }).announce(text("heartbeat"));

        assertThat(inboxB.next().payload()).isEqualTo(text("heartbeat"));
        assertThat(inboxC.next().payload()).isEqualTo(text("heartbeat"));
        settle(b);
        assertThat(b.status().datagramsSent()).isZero();
    }

    @Test
    void closingAChannelFailsItsPendingSendsAndFreesTheService() throws Exception {
        PeerLinkEngine a = links.start(1, new ManualTimer());
        PeerLinkEngine b = links.start(2, new ManualTimer());
        LinkFixture.putInFront(b, new LinkFixture.LoseInbound(Integer.MAX_VALUE));
        PeerChannel channel = a.open(SERVICE, m -> { });
        assertThatThrownBy(() -> a.open(SERVICE, m -> { })).isInstanceOf(IllegalStateException.class);

        CompletionStage<Void> pending = channel.send(address(b), text("late"));
        channel.close();

        assertThat(pending).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class);
        a.open(SERVICE, m -> { }).close();
    }

    @Test
    void aPayloadLargerThanTheMtuAllowsFailsAtOnce() {
        PeerLinkEngine a = links.start(1, new ManualTimer());
        PeerChannel channel = a.open(SERVICE, m -> { });
        byte[] tooLarge = new byte[PeerWire.maxPayload(1400) + 1];

        assertThat(channel.send(address(a), tooLarge)).isCompletedExceptionally();
        assertThat(channel.sendToGroup(List.of(node(a)), tooLarge).all()).isCompletedExceptionally();
        assertThatThrownBy(() -> channel.announce(tooLarge)).isInstanceOf(IllegalArgumentException.class);
        assertThat(a.status().messagesSent()).isZero();
    }

    @Test
    void aGroupSendNamingThisNodeFailsAtOnce() {
        PeerLinkEngine a = links.start(1, new ManualTimer());
        PeerLinkEngine b = links.start(2, new ManualTimer());

        GroupDelivery delivery = a.open(SERVICE, m -> { }).sendToGroup(List.of(node(a), node(b)), text("x"));

        assertThat(delivery.all()).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(IllegalArgumentException.class).withMessageContaining("node 1 is this node");
        assertThat(a.status().messagesSent()).isZero();
    }

    @Test
    void statusShowsPeersWithTheirUnacknowledgedMessages() throws Exception {
        PeerLinkEngine b = links.start(2, new ManualTimer());
        PeerLinkEngine a = links.start(LinkFixture.settings(1, List.of(node(b))), LinkFixture.KEYS_1, 1, new ManualTimer());
        LinkFixture.putInFront(b, new LinkFixture.LoseInbound(Integer.MAX_VALUE));
        PeerChannel channel = a.open(SERVICE, m -> { });
        channel.send(address(b), text("1"));
        channel.send(address(b), text("2"));

        Map<PeerNode, Integer> peers = a.unacknowledgedByPeer().toCompletableFuture().get(10,
                TimeUnit.SECONDS);

        assertThat(peers).containsExactly(Map.entry(node(b), 2));
    }

    @Test
    void aMulticastLinkSendsToItsGroupAndIgnoresItsOwnDatagramsLoopedBack() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        InetSocketAddress group = new InetSocketAddress(InetAddress.getByName("239.255.74.34"), port);
        LinkSettings settings = new LinkSettings(1, LinkFixture.GROUP, new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                Optional.of(group), Optional.of(NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress())), 0,
                List.of(), 1400, 200, 3200, 10_000, 1024);
        PeerLinkEngine a = links.start(settings, LinkFixture.KEYS_1, 1, new ManualTimer());
        a.open(SERVICE, m -> { throw new AssertionError("own message delivered"); }).announce(text("to the group"));

        LinkFixture.awaitCount(() -> a.status().datagramsReceived(), 1);
        settle(a);

        assertThat(a.status().multicastGroup()).contains(group);
        assertThat(a.status().datagramsSent()).isEqualTo(1);
        assertThat(a.status().messagesDelivered()).isZero();
        assertThat(a.status().dropped().values()).containsOnly(0L);
    }
}
