package net.homeagent.dataplane.packet;

import java.net.InetSocketAddress;

import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.TunnelSpec;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * One tunnel as the packet code needs it: addresses as ints, nothing to look up per datagram.
 *
 * @param encapsulation how to wrap
 * @param source        outer source address
 * @param careOf        care-of address (the outer destination, except for UDP)
 * @param home          home address; also the GRE key (RFC 2890 §2.1), see docs/dataplane.md
 * @param peerAddress   for UDP tunnelling, the NAT's address (RFC 3519), else 0
 * @param peerPort      for UDP tunnelling, the NAT's port, else 0
 * @param localPort     for UDP tunnelling, the home agent's port the Tunnel Data leaves from (434)
 * @param reverse       reverse tunnelling granted (RFC 3024)
 * @param inner         for UDP tunnelling, what the Tunnel Data carries (RFC 3519 §3.1): IP in IP,
 *                      GRE or minimal; IP in IP otherwise
 */
public record TunnelEndpoint(Encapsulation encapsulation, int source, int careOf, int home, int peerAddress,
        int peerPort, int localPort, boolean reverse, Encapsulation inner) {

    public static TunnelEndpoint of(TunnelSpec spec, int udpLocalPort) {
        int peer = 0;
        int port = 0;
        if (spec.udpPeer().isPresent()) {
            InetSocketAddress nat = spec.udpPeer().get();
            peer = Ipv4.toInt((java.net.Inet4Address) nat.getAddress());
            port = nat.getPort();
        }
        return new TunnelEndpoint(spec.encapsulation(), Ipv4.toInt(spec.source()),
                Ipv4.toInt(spec.careOfAddress()), Ipv4.toInt(spec.homeAddress()), peer, port,
                udpLocalPort, spec.reverseTunnel(), spec.innerEncapsulation());
    }

    /** Where the outer datagram goes: the care-of address, or the NAT's mapping for a UDP tunnel. */
    public int destination() {
        return encapsulation == Encapsulation.UDP ? peerAddress : careOf;
    }

    /**
     * True when a datagram tunnelled from {@code outerSource} (and, for UDP, {@code sourcePort})
     * comes from this tunnel's far end.
     */
    public boolean isFarEnd(int outerSource, int sourcePort) {
        return encapsulation == Encapsulation.UDP
                ? outerSource == peerAddress && sourcePort == peerPort
                : outerSource == careOf;
    }
}
