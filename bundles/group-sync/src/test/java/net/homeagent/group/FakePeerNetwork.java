package net.homeagent.group;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * An in-memory peer link between several nodes, for the group's unit tests: what is sent waits in
 * flight until the test delivers it, so a test can reorder, duplicate or lose messages, and take a
 * node down (its messages then fail as the real link's give-up would).
 */
final class FakePeerNetwork {

    /** One message in flight. */
    record Flight(FakeLink from, PeerNode to, byte[] payload, CompletableFuture<Void> acknowledged) {
    }

    private final Map<Integer, FakeLink> links = new LinkedHashMap<>();
    private final Deque<Flight> inFlight = new ArrayDeque<>();
    private final Set<Integer> down = new HashSet<>();

    FakeLink link(int nodeId) {
        FakeLink link = new FakeLink(new PeerNode(nodeId, new InetSocketAddress("10.0.0." + nodeId, 7420)));
        links.put(nodeId, link);
        return link;
    }

    void down(int nodeId) {
        down.add(nodeId);
    }

    void up(int nodeId) {
        down.remove(nodeId);
    }

    List<Flight> inFlight() {
        return new ArrayList<>(inFlight);
    }

    /** Delivers everything in flight, and what that causes, in order. */
    void deliverAll() {
        while (!inFlight.isEmpty()) {
            deliver(inFlight.poll());
        }
    }

    /** Takes what is in flight now out of the network without delivering it (the test delivers it later). */
    List<Flight> hold() {
        List<Flight> held = new ArrayList<>(inFlight);
        inFlight.clear();
        return held;
    }

    void deliver(Flight flight) {
        FakeLink target = links.get(flight.to().nodeId());
        if (target == null || down.contains(flight.to().nodeId()) || target.receiver == null) {
            if (flight.acknowledged() != null) {
                flight.acknowledged().completeExceptionally(new PeerUnreachableException(flight.to(), 5));
            }
            return;
        }
        target.receiver.receive(new PeerMessage(1, flight.from().node, flight.from().epoch,
                flight.payload()));
        if (flight.acknowledged() != null) {
            flight.acknowledged().complete(null);
        }
    }

    final class FakeLink implements PeerLink {
        final PeerNode node;
        long epoch = 1;
        PeerReceiver receiver;
        int opened;

        FakeLink(PeerNode node) {
            this.node = node;
        }

        /** The node's link started again: a new epoch, nothing open. */
        void restart() {
            epoch++;
            receiver = null;
        }

        @Override
        public int nodeId() {
            return node.nodeId();
        }

        @Override
        public int groupId() {
            return 1;
        }

        @Override
        public PeerChannel open(int service, PeerReceiver opened) {
            if (receiver != null) {
                throw new IllegalStateException("service " + service + " already open");
            }
            receiver = opened;
            this.opened = service;
            return new FakeChannel(this);
        }

        @Override
        public PeerLinkStatus status() {
            return new PeerLinkStatus(node.nodeId(), 1, node.address(), Optional.empty(), epoch, 0, 0, 0, 0, 0, 0, Map.of());
        }
    }

    private final class FakeChannel implements PeerChannel {
        private final FakeLink from;

        FakeChannel(FakeLink from) {
            this.from = from;
        }

        @Override
        public CompletionStage<Void> send(InetSocketAddress peer, byte[] payload) {
            CompletableFuture<Void> acknowledged = new CompletableFuture<>();
            PeerNode to = links.values().stream().filter(l -> l.node.address().equals(peer)).map(l -> l.node).findFirst()
                    .orElse(new PeerNode(-1, peer));
            inFlight.add(new Flight(from, to, payload, acknowledged));
            return acknowledged;
        }

        @Override
        public GroupDelivery sendToGroup(Collection<PeerNode> members, byte[] payload) {
            Map<Integer, CompletionStage<Void>> byMember = new LinkedHashMap<>();
            for (PeerNode member : members) {
                CompletableFuture<Void> acknowledged = new CompletableFuture<>();
                inFlight.add(new Flight(from, member, payload, acknowledged));
                byMember.put(member.nodeId(), acknowledged);
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(byMember.values().stream()
                    .map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new));
            return new GroupDelivery() {
                @Override
                public Map<Integer, CompletionStage<Void>> byMember() {
                    return byMember;
                }

                @Override
                public CompletionStage<Void> all() {
                    return all;
                }
            };
        }

        @Override
        public void announce(byte[] payload) {
            links.values().stream().filter(l -> l != from).forEach(l -> inFlight.add(new Flight(from, l.node, payload, null)));
        }

        @Override
        public void close() {
            from.receiver = null;
        }
    }
}
