package net.homeagent.delegation;

import java.net.InetSocketAddress;
import java.util.Optional;

import net.homeagent.mip.codec.wire.Ipv4;
import net.homeagent.peer.PeerNode;

/** Parses the configuration's peer nodes, {@code nodeId@a.b.c.d:port}. */
public final class PeerAddress {

    private PeerAddress() {
    }

    /** @throws IllegalArgumentException naming {@code key} if {@code text} is not {@code nodeId@address:port} */
    public static PeerNode parse(String key, String text) {
        String item = text.trim();
        int at = item.indexOf('@');
        int colon = item.lastIndexOf(':');
        if (at < 1 || colon < at) {
            throw new IllegalArgumentException(key + ": not nodeId@address:port: '" + text + "'");
        }
        int nodeId = number(key, "node id", item.substring(0, at), Integer.MAX_VALUE);
        Optional<java.net.Inet4Address> address = Ipv4.parse(item.substring(at + 1, colon));
        if (address.isEmpty()) {
            throw new IllegalArgumentException(key + ": not an IPv4 address in '" + text + "'");
        }
        int port = number(key, "UDP port", item.substring(colon + 1), 65535);
        return new PeerNode(nodeId, new InetSocketAddress(address.get(), port));
    }

    private static int number(String key, String what, String text, int max) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(key + ": not a " + what + " (1.." + max + "): '" + text + "'");
    }

    public static String text(PeerNode node) {
        return node.nodeId() + "@" + node.address().getAddress().getHostAddress() + ":" + node.address().getPort();
    }
}
