package net.homeagent.peer.link.shell;

import java.util.Map;
import java.util.Optional;

import net.homeagent.peer.PeerLinkStatus;
import net.homeagent.peer.PeerNode;

/** The text of {@code peer:status}: configuration, counters, drops by reason, peers. Never a key. */
final class PeerStatusText {

    private static final String NL = System.lineSeparator();

    private PeerStatusText() {
    }

    static String render(String state, Optional<PeerLinkStatus> status, Map<PeerNode, Integer> peers,
            Optional<String> keys) {
        StringBuilder out = new StringBuilder();
        if (status.isEmpty()) {
            out.append("Peer link ").append(state).append(NL);
            keys.ifPresent(k -> out.append("Keys ").append(k).append(NL));
            return out.toString();
        }
        PeerLinkStatus s = status.get();
        out.append("Peer link running: node ").append(s.nodeId()).append(", group ").append(s.groupId()).append(NL);
        out.append("Listening ").append(s.listening()).append(NL);
        out.append("Multicast ").append(s.multicastGroup().map(Object::toString).orElse("none (unicast fan-out)"))
                .append(NL);
        out.append("Epoch ").append(s.epoch()).append(NL);
        keys.ifPresent(k -> out.append("Keys ").append(k).append(NL));
        out.append(String.format("Datagrams sent %d, received %d%n", s.datagramsSent(), s.datagramsReceived()));
        out.append(String.format("Messages sent %d, delivered %d, retransmissions %d, given up %d%n", s.messagesSent(),
                s.messagesDelivered(), s.retransmissions(), s.givenUp()));
        out.append("Dropped");
        s.dropped().forEach((reason, count) -> out.append(' ').append(reason).append(' ').append(count));
        out.append(NL);
        out.append("Peers ").append(peers.size()).append(NL);
        peers.forEach((peer, unacked) -> out.append(String.format("  node %-10d %-24s unacknowledged %d%n",
                peer.nodeId(), peer.address().getAddress().getHostAddress() + ":" + peer.address().getPort(), unacked)));
        return out.toString();
    }
}
