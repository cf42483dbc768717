package net.homeagent.hacn;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

import net.homeagent.peer.GroupDelivery;
import net.homeagent.peer.PeerChannel;
import net.homeagent.peer.PeerLink;
import net.homeagent.peer.PeerLinkStatus;
import net.homeagent.peer.PeerMessage;
import net.homeagent.peer.PeerNode;
import net.homeagent.peer.PeerReceiver;
import net.homeagent.peer.PeerUnreachableException;

/**
 * Peer links of several nodes in one test: a send is queued until the test delivers it; the
 * receiver runs, then the send's stage completes (the link's acknowledgement). A node taken down
 * receives nothing, and {@link #giveUp} fails what was sent to it, as the link does after its
 * give-up bound.
 */
public final class FakeNetwork {

    private record Queued(PeerNode from, long epoch, InetSocketAddress to, byte[] payload, CompletableFuture<Void> ack) {
    }

    private final Map<InetSocketAddress, Node> nodes = new HashMap<>();
    private final Deque<Queued> queue = new ArrayDeque<>();
    private final Set<InetSocketAddress> down = new HashSet<>();
    private Predicate<byte[]> lost = payload -> false;

    public PeerLink node(int nodeId, InetSocketAddress address) {
        return node(nodeId, address, 1);
    }

    /** A node whose link runs in sender epoch {@code epoch} (a restarted node's link has a new one). */
    public PeerLink node(int nodeId, InetSocketAddress address, long epoch) {
        Node node = new Node(new PeerNode(nodeId, address), epoch);
        nodes.put(address, node);
        return node;
    }

    /** Delivers every queued message, and those sent meanwhile; a message to a down node stays queued. */
    public int deliverAll() {
        int delivered = 0;
        Deque<Queued> held = new ArrayDeque<>();
        while (!queue.isEmpty()) {
            Queued q = queue.poll();
            Node to = nodes.get(q.to());
            if (lost.test(q.payload())) {
                continue; // never acknowledged: as far as the test goes, the link gave up on it
            }
            if (to == null || down.contains(q.to()) || to.receiver == null) {
                held.add(q);
                continue;
            }
            to.receiver.receive(new PeerMessage(2, q.from(), q.epoch(), q.payload()));
            q.ack().complete(null);
            delivered++;
        }
        queue.addAll(held);
        return delivered;
    }

    /** The messages waiting for delivery, oldest first. */
    public List<byte[]> queuedTo(InetSocketAddress to) {
        return queue.stream().filter(q -> q.to().equals(to)).map(Queued::payload).toList();
    }

    /** From now on every message whose payload {@code matches} is lost when it would be delivered; {@code p -> false} ends it. */
    public void loseWhere(Predicate<byte[]> matches) {
        this.lost = matches;
    }

    /** Takes the messages queued to {@code address} out of the queue, unacknowledged, for the test to deliver late. */
    public List<byte[]> take(InetSocketAddress address) {
        List<byte[]> taken = queuedTo(address);
        lose(address);
        return taken;
    }

    public void takeDown(InetSocketAddress address) {
        down.add(address);
    }

    public void bringUp(InetSocketAddress address) {
        down.remove(address);
    }

    /** Fails every message queued for {@code address}, as the link's give-up bound does. */
    public void giveUp(InetSocketAddress address) {
        for (Queued q : List.copyOf(queue)) {
            if (q.to().equals(address)) {
                queue.remove(q);
                q.ack().completeExceptionally(new PeerUnreachableException(new PeerNode(0, address), 5));
            }
        }
    }

    /** Drops every queued message to {@code address} without failing it (lost, as far as the test goes). */
    public void lose(InetSocketAddress address) {
        queue.removeIf(q -> q.to().equals(address));
    }

    private final class Node implements PeerLink {
        private final PeerNode self;
        private final long epoch;
        private PeerReceiver receiver;

        Node(PeerNode self, long epoch) {
            this.self = self;
            this.epoch = epoch;
        }

        @Override
        public int nodeId() {
            return self.nodeId();
        }

        @Override
        public int groupId() {
            return 1;
        }

        @Override
        public PeerChannel open(int service, PeerReceiver receiver) {
            this.receiver = receiver;
            return new PeerChannel() {
                @Override
                public CompletionStage<Void> send(InetSocketAddress peer, byte[] payload) {
                    CompletableFuture<Void> ack = new CompletableFuture<>();
                    queue.add(new Queued(self, epoch, peer, payload, ack));
                    return ack;
                }

                @Override
                public GroupDelivery sendToGroup(Collection<PeerNode> members, byte[] payload) {
                    throw new UnsupportedOperationException("the control node protocol is unicast");
                }

                @Override
                public void announce(byte[] payload) {
                    throw new UnsupportedOperationException("the control node protocol is unicast");
                }

                @Override
                public void close() {
                    Node.this.receiver = null;
                }
            };
        }

        @Override
        public PeerLinkStatus status() {
            throw new UnsupportedOperationException();
        }
    }
}
