package net.homeagent.dataplane.packet;

import java.nio.ByteBuffer;

import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.codec.TunnelData;

/**
 * Wraps a datagram for the tunnel to a care-of address. Stateless; the outer header's
 * identification is left to the kernel's raw socket.
 */
public final class Encapsulator {

    /** IP + UDP + Tunnel Data header (RFC 3519 §3.3): what a UDP tunnel puts before what it carries. */
    private static final int UDP_TUNNEL_HEADERS = Ipv4Header.MIN_LENGTH + 8 + 4;
    private static final int GRE_HEADER = 8;
    private static final int MINIMAL_FORWARDING_HEADER = 12;
    /** The most octets any encapsulation adds: a UDP tunnel carrying GRE (RFC 3519 §3.1). */
    public static final int MAX_OVERHEAD = UDP_TUNNEL_HEADERS + GRE_HEADER;
    static final int GRE_KEY_PRESENT = 0x2000;        // RFC 2890 §2: the K bit
    static final int ETHER_TYPE_IPV4 = 0x0800;        // RFC 2784 §2.4: Protocol Type
    static final int MINIMAL_SOURCE_PRESENT = 0x80;   // RFC 2004 §3: the S bit

    private Encapsulator() {
    }

    /**
     * Writes the outer datagram for the {@code length} octets of the IPv4 datagram at {@code in[inAt]}
     * into {@code out} at {@code outAt}; {@code out} needs {@code length + MAX_OVERHEAD} octets.
     *
     * @return the length of the outer datagram
     */
    public static int encapsulate(ByteBuffer in, int inAt, int length, TunnelEndpoint tunnel, ByteBuffer out,
            int outAt) {
        return switch (tunnel.encapsulation()) {
            case IP_IN_IP -> ipInIp(in, inAt, length, tunnel, out, outAt);
            case GRE -> gre(in, inAt, length, tunnel, out, outAt);
            case MINIMAL -> minimalAllowed(in, inAt)
                    ? minimal(in, inAt, length, tunnel, out, outAt)
                    : ipInIp(in, inAt, length, tunnel, out, outAt);
            case UDP -> udp(in, inAt, length, tunnel, out, outAt);
        };
    }

    /**
     * RFC 2004 §3: minimal encapsulation MUST NOT be used for a fragment; IP in IP, which every
     * mobile node decapsulates (RFC 5944 §3.8.3), carries it instead (inside UDP too).
     */
    private static boolean minimalAllowed(ByteBuffer in, int inAt) {
        return !Ipv4Header.isFragment(in, inAt);
    }

    /** RFC 2003 §3.1: TOS copied from the inner header, DF copied (so path MTU discovery still works). */
    private static void outer(ByteBuffer in, int inAt, int total, int protocol, int destination, TunnelEndpoint t,
            ByteBuffer out, int outAt) {
        Ipv4Header.write(out, outAt, Ipv4Header.tos(in, inAt), total, Ipv4Header.dontFragment(in, inAt), protocol,
                t.source(), destination);
    }

    private static int ipInIp(ByteBuffer in, int inAt, int length, TunnelEndpoint t, ByteBuffer out, int outAt) {
        int total = Ipv4Header.MIN_LENGTH + length;
        outer(in, inAt, total, Ipv4Header.PROTOCOL_IP_IN_IP, t.careOf(), t, out, outAt);
        out.put(outAt + Ipv4Header.MIN_LENGTH, in, inAt, length);
        return total;
    }

    /** RFC 2784 §2 with the key of RFC 2890 §2.1: C=0, K=1, S=0, version 0, type 0x0800, key. */
    private static int gre(ByteBuffer in, int inAt, int length, TunnelEndpoint t, ByteBuffer out, int outAt) {
        int total = Ipv4Header.MIN_LENGTH + greBody(in, inAt, length, t, out, outAt + Ipv4Header.MIN_LENGTH);
        outer(in, inAt, total, Ipv4Header.PROTOCOL_GRE, t.careOf(), t, out, outAt);
        return total;
    }

    /** The GRE header and the datagram at {@code greAt}; returns their length. */
    private static int greBody(ByteBuffer in, int inAt, int length, TunnelEndpoint t, ByteBuffer out, int greAt) {
        out.putShort(greAt, (short) GRE_KEY_PRESENT);
        out.putShort(greAt + 2, (short) ETHER_TYPE_IPV4);
        out.putInt(greAt + 4, t.home());
        out.put(greAt + GRE_HEADER, in, inAt, length);
        return GRE_HEADER + length;
    }

    /**
     * RFC 2004 §3: the original header is kept, with protocol 55, the care-of address as
     * destination and the encapsulator as source; the minimal forwarding header after it keeps
     * the original protocol, destination and (S=1, the home agent is not the original sender)
     * source.
     */
    private static int minimal(ByteBuffer in, int inAt, int length, TunnelEndpoint t, ByteBuffer out, int outAt) {
        int header = Ipv4Header.headerLength(in, inAt);
        int total = header + minimalBody(in, inAt, length, out, outAt + header);
        out.put(outAt, in, inAt, header);
        out.putShort(outAt + 2, (short) total);
        out.put(outAt + 9, (byte) Ipv4Header.PROTOCOL_MINIMAL);
        out.putShort(outAt + 10, (short) 0);
        out.putInt(outAt + 12, t.source());
        out.putInt(outAt + 16, t.careOf());
        out.putShort(outAt + 10, (short) Ipv4Header.checksum(out, outAt, header));
        return total;
    }

    /**
     * The minimal forwarding header (original protocol, S=1, checksum, original destination and
     * source) and the original payload, without its header, at {@code forwardingAt}; returns their length.
     */
    private static int minimalBody(ByteBuffer in, int inAt, int length, ByteBuffer out, int forwardingAt) {
        int header = Ipv4Header.headerLength(in, inAt);
        out.put(forwardingAt, (byte) Ipv4Header.protocol(in, inAt));
        out.put(forwardingAt + 1, (byte) MINIMAL_SOURCE_PRESENT);
        out.putShort(forwardingAt + 2, (short) 0);
        out.putInt(forwardingAt + 4, Ipv4Header.destination(in, inAt));
        out.putInt(forwardingAt + 8, Ipv4Header.source(in, inAt));
        out.putShort(forwardingAt + 2, (short) Ipv4Header.checksum(out, forwardingAt, MINIMAL_FORWARDING_HEADER));
        out.put(forwardingAt + MINIMAL_FORWARDING_HEADER, in, inAt + header, length - header);
        return MINIMAL_FORWARDING_HEADER + length - header;
    }

    /**
     * RFC 3519 §3.3: IP | UDP from the home agent's port 434 to the NAT's mapping | Tunnel Data
     * (type 4, next header: what it carries, RFC 3519 §3.1) | what the inner encapsulation puts
     * after an IP header: the datagram (IP in IP, 4), the GRE header and the datagram (47), or the
     * minimal forwarding header and the datagram's payload (55; the outer header stands for the
     * modified one of RFC 2004). The UDP checksum is 0, "none" (RFC 768): the inner datagram
     * carries its own, and the NAT rewrites only the outer addresses and ports.
     */
    private static int udp(ByteBuffer in, int inAt, int length, TunnelEndpoint t, ByteBuffer out, int outAt) {
        int udpAt = outAt + Ipv4Header.MIN_LENGTH;
        int dataAt = outAt + UDP_TUNNEL_HEADERS;
        Encapsulation inner = t.inner() == Encapsulation.MINIMAL && !minimalAllowed(in, inAt)
                ? Encapsulation.IP_IN_IP : t.inner();
        int carried = switch (inner) {
            case GRE -> greBody(in, inAt, length, t, out, dataAt);
            case MINIMAL -> minimalBody(in, inAt, length, out, dataAt);
            default -> {
                out.put(dataAt, in, inAt, length);
                yield length;
            }
        };
        int total = UDP_TUNNEL_HEADERS + carried;
        outer(in, inAt, total, Ipv4Header.PROTOCOL_UDP, t.peerAddress(), t, out, outAt);
        out.putShort(udpAt, (short) t.localPort());
        out.putShort(udpAt + 2, (short) t.peerPort());
        out.putShort(udpAt + 4, (short) (total - Ipv4Header.MIN_LENGTH));
        out.putShort(udpAt + 6, (short) 0);
        out.put(udpAt + 8, (byte) TunnelData.TYPE);
        out.put(udpAt + 9, (byte) nextHeader(inner));
        out.putShort(udpAt + 10, (short) 0);
        return total;
    }

    /** RFC 3519 §3.3: the Tunnel Data's next header numbers what it carries as an IP protocol. */
    private static int nextHeader(Encapsulation inner) {
        return switch (inner) {
            case GRE -> TunnelData.NEXT_HEADER_GRE;
            case MINIMAL -> Ipv4Header.PROTOCOL_MINIMAL;
            default -> TunnelData.NEXT_HEADER_IP;
        };
    }
}
