package net.homeagent.hacn.control;

import java.net.InetSocketAddress;
import java.util.Optional;

import net.homeagent.hacn.Endpoints;

/**
 * The other control node of a pair (docs/hacn.md, "Standby control node"): its peer-link node id
 * and address. The active one replicates its state to it; a standby one learns from it.
 */
public record PeerControlNode(int nodeId, InetSocketAddress address) {

    public PeerControlNode {
        if (nodeId <= 0) {
            throw new IllegalArgumentException("peerControlNode: node id must be positive: " + nodeId);
        }
    }

    /**
     * The peer of a control node whose HAs are {@code agents}.
     *
     * @throws IllegalArgumentException for a bad value, or a node id one of the HAs has
     */
    static Optional<PeerControlNode> of(String text, ControlSettings settings) {
        Optional<PeerControlNode> peer = parse(text);
        if (peer.isPresent() && settings.agents().stream().anyMatch(a -> a.nodeId() == peer.get().nodeId())) {
            throw new IllegalArgumentException("peerControlNode: node " + peer.get().nodeId() + " is one of the HAs");
        }
        return peer;
    }

    /** {@code nodeId@host:port}, or empty for a blank value (a control node without a standby). */
    static Optional<PeerControlNode> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        int at = text.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("peerControlNode: not nodeId@host:port: '" + text + "'");
        }
        return Optional.of(new PeerControlNode(AgentSpec.number("peerControlNode", text.substring(0, at)),
                Endpoints.socket("peerControlNode", text.substring(at + 1).trim())));
    }
}
