package net.homeagent.delegation;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import net.homeagent.peer.GroupDelivery;
import net.homeagent.peer.PeerChannel;
import net.homeagent.peer.PeerLink;
import net.homeagent.peer.PeerLinkStatus;
import net.homeagent.peer.PeerMessage;
import net.homeagent.peer.PeerNode;
import net.homeagent.peer.PeerReceiver;
import net.homeagent.peer.PeerUnreachableException;

/**
 * Peer links of a PHA and its SHAs in one test: sends wait in a list until {@link #deliver}; the
 * receiver runs, then the link's acknowledgement completes. A node can be made unreachable (its
 * messages stay), lose what waits for it, be given up on, or restart (a new link epoch).
 */
public final class FakePeers {

    private record Sent(PeerNode from, InetSocketAddress to, byte[] payload, CompletableFuture<Void> linkAck) {
    }

    private final Map<InetSocketAddress, Link> links = new HashMap<>();
    private final List<Sent> waiting = new ArrayList<>();

    public PeerLink link(PeerNode node) {
        Link link = new Link(node);
        links.put(node.address(), link);
        return link;
    }

    /** Delivers what waits, and what the receivers send meanwhile, except to unreachable nodes. */
    public int deliver() {
        int delivered = 0;
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Sent sent : List.copyOf(waiting)) {
                Link to = links.get(sent.to());
                if (to == null || to.unreachable || to.receiver == null) {
                    continue;
                }
                waiting.remove(sent);
                Link from = links.get(sent.from().address());
                to.receiver.receive(new PeerMessage(3, sent.from(), from == null ? 1 : from.epoch, sent.payload()));
                sent.linkAck().complete(null);
                delivered++;
                progress = true;
            }
        }
        return delivered;
    }

    /** Messages waiting for {@code to}. */
    public List<byte[]> waitingFor(PeerNode to) {
        return waiting.stream().filter(s -> s.to().equals(to.address())).map(Sent::payload).toList();
    }

    public void unreachable(PeerNode node, boolean unreachable) {
        links.get(node.address()).unreachable = unreachable;
    }

    /** What waits for {@code node} is lost without its sender hearing of it. */
    public void lose(PeerNode node) {
        waiting.removeIf(s -> s.to().equals(node.address()));
    }

    /** The link gives up on what waits for {@code node}: the senders' stages fail. */
    public void giveUp(PeerNode node) {
        for (Sent sent : List.copyOf(waiting)) {
            if (sent.to().equals(node.address())) {
                waiting.remove(sent);
                sent.linkAck().completeExceptionally(new PeerUnreachableException(node, 7));
            }
        }
    }

    /** The node's link starts again, in a new epoch: its old channel hears nothing more. */
    public PeerLink restart(PeerNode node) {
        Link link = new Link(node);
        link.epoch = links.get(node.address()).epoch + 1;
        links.put(node.address(), link);
        return link;
    }

    private final class Link implements PeerLink {
        private final PeerNode self;
        private PeerReceiver receiver;
        private boolean unreachable;
        private long epoch = 1;

        Link(PeerNode self) {
            this.self = self;
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
        public PeerChannel open(int service, PeerReceiver opened) {
            this.receiver = opened;
            return new PeerChannel() {
                @Override
                public CompletionStage<Void> send(InetSocketAddress peer, byte[] payload) {
                    CompletableFuture<Void> ack = new CompletableFuture<>();
                    waiting.add(new Sent(self, peer, payload, ack));
                    return ack;
                }

                @Override
                public GroupDelivery sendToGroup(Collection<PeerNode> members, byte[] payload) {
                    throw new UnsupportedOperationException("the delegation protocol is unicast");
                }

                @Override
                public void announce(byte[] payload) {
                    throw new UnsupportedOperationException("the delegation protocol is unicast");
                }

                @Override
                public void close() {
                    if (receiver == opened) {
                        receiver = null;
                    }
                }
            };
        }

        @Override
        public PeerLinkStatus status() {
            throw new UnsupportedOperationException();
        }
    }
}
