package net.homeagent.peer;

import java.net.InetSocketAddress;
import java.util.Objects;

/** Another appliance on the peer link: its node id and the unicast address its link listens on. */
public record PeerNode(int nodeId, InetSocketAddress address) {
    public PeerNode {
        Objects.requireNonNull(address, "address");
    }
}
