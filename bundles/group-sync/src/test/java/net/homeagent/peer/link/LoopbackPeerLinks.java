package net.homeagent.peer.link;

import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.homeagent.peer.PeerLink;
import net.homeagent.peer.PeerNode;

/**
 * Real peer links on 127.0.0.1 for {@code net.homeagent.group.GroupTraffic} (the group's traffic
 * that tools/wireshark/check-dissector.sh captures): the link's engine with real timers, group 7,
 * key id 1 (the key PeerTraffic's links use, so one check recomputes every HMAC). In this package
 * because the engine is the link bundle's own; only this test-scope main uses it from here.
 */
public final class LoopbackPeerLinks {

    public static final int GROUP = 7;
    public static final byte[] KEY_1 = HexFormat.of()
            .parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    private LoopbackPeerLinks() {
    }

    /** A started link of {@code self} that knows {@code peers} (announcements go to them). */
    public static PeerLink start(PeerNode self, List<PeerNode> peers) {
        LinkSettings settings = new LinkSettings(self.nodeId(), GROUP, self.address(), Optional.empty(),
                Optional.empty(), 1, peers, 1400, 200, 3200, 10_000, 1024);
        return new PeerLinkEngine(settings, () -> new PeerKeys(Map.of(1, KEY_1), 1), System.currentTimeMillis(),
                EventLoopTimer::new);
    }

    /** Stops a link {@link #start} made. */
    public static void stop(PeerLink link) {
        ((PeerLinkEngine) link).close();
    }

    public static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port);
    }
}
