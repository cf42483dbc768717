package net.homeagent.peer.link;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import net.homeagent.peer.PeerChannel;
import net.homeagent.peer.PeerNode;

/**
 * Real peer link traffic on 127.0.0.1 for tools/wireshark/check-dissector.sh to capture and decode:
 * two links (nodes 1 and 2, group 7, key id 1) with real timers exchange a reliable send, a group
 * send, an announcement, a burst of 20 sends (batched) and one send whose first datagram node 2
 * loses (retransmitted after 200 ms). Every reliable send is awaited, so when this returns the
 * acks are on the wire too.
 *
 * <p>Arguments: port of node 1, port of node 2.
 */
public final class PeerTraffic {

    private static final int SERVICE = 1;

    private PeerTraffic() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        InetSocketAddress addressA = new InetSocketAddress(loopback, Integer.parseInt(args[0]));
        InetSocketAddress addressB = new InetSocketAddress(loopback, Integer.parseInt(args[1]));
        PeerNode nodeA = new PeerNode(1, addressA);
        PeerNode nodeB = new PeerNode(2, addressB);
        try (PeerLinkEngine a = start(nodeA, nodeB); PeerLinkEngine b = start(nodeB, nodeA)) {
            LinkFixture.Inbox inbox = new LinkFixture.Inbox();
            b.open(SERVICE, inbox::receive);
            PeerChannel channel = a.open(SERVICE, m -> { });

            await(channel.send(addressB, text("hello peer")).toCompletableFuture());
            await(channel.sendToGroup(List.of(nodeB), text("group binding")).all().toCompletableFuture());
            channel.announce(text("heartbeat"));
            inbox.next();
            inbox.next();
            inbox.next();

            List<CompletableFuture<Void>> burst = new ArrayList<>();
            a.channel().eventLoop().submit(() -> {
                for (int i = 0; i < 20; i++) {
                    burst.add(channel.send(addressB, text("burst " + i)).toCompletableFuture());
                }
            }).syncUninterruptibly();
            await(CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)));

            LinkFixture.putInFront(b, new LinkFixture.LoseInbound(1, Optional.of(addressA)));
            await(channel.send(addressB, text("retransmitted")).toCompletableFuture());
            System.out.println("peer traffic: node 1 sent " + a.status().datagramsSent() + " datagrams, "
                    + a.status().retransmissions() + " retransmissions; node 2 delivered "
                    + b.status().messagesDelivered() + " messages");
        }
    }

    private static PeerLinkEngine start(PeerNode self, PeerNode other) {
        LinkSettings settings = new LinkSettings(self.nodeId(), LinkFixture.GROUP, self.address(), Optional.empty(),
                Optional.empty(), 1, List.of(other), 1400, 200, 3200, 10_000, 1024);
        return new PeerLinkEngine(settings, () -> LinkFixture.KEYS_1, System.currentTimeMillis(), EventLoopTimer::new);
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void await(CompletableFuture<?> stage) throws Exception {
        stage.get(10, TimeUnit.SECONDS);
    }
}
