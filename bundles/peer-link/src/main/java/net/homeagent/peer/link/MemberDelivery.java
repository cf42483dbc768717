package net.homeagent.peer.link;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

import net.homeagent.peer.PeerNode;

/**
 * One destination of a reliable message: its acknowledgement stage and its place in the
 * retransmission schedule (docs/protocols.md, "Peer link", retransmission). Used on the event loop.
 */
final class MemberDelivery {

    final PeerNode node;
    final CompletableFuture<Void> acknowledged = new CompletableFuture<>();
    final long firstSentMillis;
    int transmissions = 1;
    long intervalMillis;

    MemberDelivery(PeerNode node, long firstSentMillis, long initialIntervalMillis) {
        this.node = node;
        this.firstSentMillis = firstSentMillis;
        this.intervalMillis = initialIntervalMillis;
    }

    /**
     * Whether an ack from {@code nodeId} at {@code source} is this member's: by node id, or by
     * address for a {@code send} to an address whose node id was not known (node id 0).
     */
    boolean isFrom(int nodeId, InetSocketAddress source) {
        return node.nodeId() != 0 ? node.nodeId() == nodeId : node.address().equals(source);
    }
}
