package net.homeagent.peer.link;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.homeagent.peer.PeerNode;

/**
 * {@link PeerLinkConfig} checked and parsed: what the engine runs with. A bad value is an
 * {@link IllegalArgumentException} naming the key, so the link refuses to start and says why.
 */
record LinkSettings(int nodeId, int groupId, InetSocketAddress bind, Optional<InetSocketAddress> multicastGroup,
        Optional<NetworkInterface> multicastInterface, int multicastTtl, List<PeerNode> peers, int mtu,
        long retransmitInitialMillis, long retransmitMaxMillis, long giveUpMillis, int replayWindow) {

    /** Smallest MTU that still carries a data record with some payload. */
    static final int MIN_MTU = 128;

    LinkSettings {
        peers = List.copyOf(peers);
        require(nodeId > 0, "nodeId must be 1 or more");
        require(mtu >= MIN_MTU && mtu <= 65507, "mtu must be " + MIN_MTU + " to 65507");
        require(retransmitInitialMillis > 0, "retransmitInitialMillis must be positive");
        require(retransmitMaxMillis >= retransmitInitialMillis, "retransmitMaxMillis must be >= retransmitInitialMillis");
        require(giveUpMillis >= retransmitInitialMillis, "giveUpMillis must be >= retransmitInitialMillis");
        require(replayWindow >= 64 && replayWindow % 64 == 0, "replayWindow must be a positive multiple of 64");
        require(multicastTtl >= 0 && multicastTtl <= 255, "multicastTtl must be 0 to 255");
        require(multicastGroup.isEmpty() || multicastGroup.get().getAddress().isMulticastAddress(),
                "multicastGroup must be a multicast address");
        require(multicastGroup.isEmpty() || multicastInterface.isPresent(),
                "multicastInterface is needed to join the multicast group when bindAddress is 0.0.0.0");
    }

    static LinkSettings from(PeerLinkConfig config) {
        InetSocketAddress bind = new InetSocketAddress(address(config.bindAddress(), "bindAddress"), config.port());
        Optional<InetSocketAddress> group = config.multicastGroup().isBlank() ? Optional.empty()
                : Optional.of(new InetSocketAddress(address(config.multicastGroup(), "multicastGroup"), config.port()));
        return new LinkSettings(config.nodeId(), config.groupId(), bind, group,
                multicastInterface(config.multicastInterface(), bind.getAddress()), config.multicastTtl(),
                peers(config.peers()), config.mtu(), config.retransmitInitialMillis(), config.retransmitMaxMillis(),
                config.giveUpMillis(), config.replayWindow());
    }

    /** {@code nodeId@host:port}, several values or one comma separated text. */
    static List<PeerNode> peers(String[] values) {
        List<PeerNode> peers = new ArrayList<>();
        for (String value : values) {
            for (String item : value.split(",")) {
                String text = item.trim();
                if (!text.isEmpty()) {
                    peers.add(peer(text));
                }
            }
        }
        return peers;
    }

    private static PeerNode peer(String text) {
        int at = text.indexOf('@');
        int colon = text.lastIndexOf(':');
        require(at > 0 && colon > at + 1 && colon < text.length() - 1, "peers: expected nodeId@host:port, found " + text);
        try {
            int nodeId = Integer.parseInt(text.substring(0, at));
            int port = Integer.parseInt(text.substring(colon + 1));
            require(nodeId > 0 && port > 0 && port <= 65535, "peers: bad node id or port in " + text);
            return new PeerNode(nodeId, new InetSocketAddress(address(text.substring(at + 1, colon), "peers"), port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("peers: expected nodeId@host:port, found " + text, e);
        }
    }

    private static InetAddress address(String text, String key) {
        try {
            return InetAddress.getByName(text.trim());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(key + ": unknown host " + text, e);
        }
    }

    private static Optional<NetworkInterface> multicastInterface(String name, InetAddress bind) {
        try {
            if (!name.isBlank()) {
                NetworkInterface found = NetworkInterface.getByName(name.trim());
                require(found != null, "multicastInterface: no interface " + name);
                return Optional.of(found);
            }
            return bind.isAnyLocalAddress() ? Optional.empty() : Optional.ofNullable(NetworkInterface.getByInetAddress(bind));
        } catch (SocketException e) {
            throw new IllegalArgumentException("multicastInterface: " + e.getMessage(), e);
        }
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }
}
