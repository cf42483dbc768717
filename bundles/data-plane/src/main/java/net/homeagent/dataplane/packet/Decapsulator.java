package net.homeagent.dataplane.packet;

import java.nio.ByteBuffer;

import net.homeagent.mip.codec.TunnelData;

/**
 * Unwraps datagrams tunnelled to the home agent (reverse tunnelling, RFC 3024 §5.2): IP in IP,
 * GRE and minimal encapsulation as a raw socket hands them over (outer IPv4 header included), and
 * the tunnelled datagram of an RFC 3519 Tunnel Data message. Each method returns null when the
 * inner datagram is in {@code into}, or the reason to drop it.
 */
public final class Decapsulator {

    static final int GRE_CHECKSUM_PRESENT = 0x8000;
    static final int GRE_ROUTING_PRESENT = 0x4000;    // RFC 1701; RFC 2784 §2.3 says such packets are discarded
    static final int GRE_SEQUENCE_PRESENT = 0x1000;   // RFC 2890 §2.2

    private Decapsulator() {
    }

    /** An IPv4 datagram whose protocol is 4, 47 or 55, as received on a raw socket. */
    public static String fromRawSocket(ByteBuffer b, int at, int length, Decapsulated into) {
        into.clear();
        String outer = Ipv4Header.problem(b, at, length);
        if (outer != null) {
            return "outer header: " + outer;
        }
        int header = Ipv4Header.headerLength(b, at);
        into.outerSource = Ipv4Header.source(b, at);
        String problem = switch (Ipv4Header.protocol(b, at)) {
            case Ipv4Header.PROTOCOL_IP_IN_IP -> inner(b, at + header, length - header, into);
            case Ipv4Header.PROTOCOL_GRE -> gre(b, at + header, length - header, into);
            case Ipv4Header.PROTOCOL_MINIMAL -> minimal(b, at, header, length, into);
            default -> "protocol " + Ipv4Header.protocol(b, at) + " is no tunnel";
        };
        return problem;
    }

    /**
     * The datagram of a Tunnel Data message (RFC 3519 §3.3) with next header 4 (IP) or 47 (GRE);
     * {@code outerSource} is the address the UDP datagram came from.
     */
    public static String fromTunnelData(ByteBuffer b, int at, int length, int nextHeader, int outerSource,
            Decapsulated into) {
        into.clear();
        into.outerSource = outerSource;
        return switch (nextHeader) {
            case TunnelData.NEXT_HEADER_IP -> inner(b, at, length, into);
            case TunnelData.NEXT_HEADER_GRE -> gre(b, at, length, into);
            default -> "Tunnel Data next header " + nextHeader + " not supported (IP, 4, and GRE, 47, are)";
        };
    }

    private static String inner(ByteBuffer b, int at, int length, Decapsulated into) {
        String problem = Ipv4Header.problem(b, at, length);
        if (problem != null) {
            return "inner datagram: " + problem;
        }
        into.innerAt = at;
        into.innerLength = length;
        return null;
    }

    /** RFC 2784 §2 / RFC 2890 §2: flags, protocol type, then optional checksum+reserved, key, sequence number. */
    private static String gre(ByteBuffer b, int at, int length, Decapsulated into) {
        if (length < 4) {
            return "GRE header truncated";
        }
        int flags = b.getShort(at) & 0xffff;
        if ((flags & 0x7) != 0) {
            return "GRE version " + (flags & 0x7) + " (RFC 2784 §2.3.1: only 0)";
        }
        if ((flags & GRE_ROUTING_PRESENT) != 0) {
            return "GRE with routing (RFC 2784 §2.3: discarded)";
        }
        if ((b.getShort(at + 2) & 0xffff) != Encapsulator.ETHER_TYPE_IPV4) {
            return "GRE protocol type " + Integer.toHexString(b.getShort(at + 2) & 0xffff) + " is not IPv4";
        }
        int header = 4;
        if ((flags & GRE_CHECKSUM_PRESENT) != 0) {
            if (length < header + 4 || Ipv4Header.checksum(b, at, length) != 0) {
                return "GRE checksum wrong (RFC 2784 §2.5)";
            }
            header += 4;
        }
        if ((flags & Encapsulator.GRE_KEY_PRESENT) != 0) {
            if (length < header + 4) {
                return "GRE key truncated";
            }
            into.hasKey = true;
            into.key = b.getInt(at + header);
            header += 4;
        }
        if ((flags & GRE_SEQUENCE_PRESENT) != 0) {
            header += 4;
        }
        if (length < header) {
            return "GRE header truncated";
        }
        return inner(b, at + header, length - header, into);
    }

    /**
     * RFC 2004 §3 in reverse: the original header is rebuilt in place, just before the payload,
     * from the outer header and the forwarding header (protocol, destination, and the source when
     * S is set, else the outer source).
     */
    private static String minimal(ByteBuffer b, int at, int header, int length, Decapsulated into) {
        int forwardingAt = at + header;
        if (length < header + 8) {
            return "minimal forwarding header truncated";
        }
        boolean sourcePresent = (b.get(forwardingAt + 1) & Encapsulator.MINIMAL_SOURCE_PRESENT) != 0;
        int forwardingLength = sourcePresent ? 12 : 8;
        if (length < header + forwardingLength) {
            return "minimal forwarding header truncated";
        }
        if (Ipv4Header.checksum(b, forwardingAt, forwardingLength) != 0) {
            return "minimal forwarding header checksum wrong (RFC 2004 §3)";
        }
        int protocol = b.get(forwardingAt) & 0xff;
        int destination = b.getInt(forwardingAt + 4);
        int source = sourcePresent ? b.getInt(forwardingAt + 8) : Ipv4Header.source(b, at);
        int innerAt = at + forwardingLength;
        // moving the header right by the forwarding header's length; a copy, as the ranges overlap
        b.get(at, into.headerScratch, 0, header);
        b.put(innerAt, into.headerScratch, 0, header);
        b.putShort(innerAt + 2, (short) (length - forwardingLength));
        b.put(innerAt + 9, (byte) protocol);
        b.putShort(innerAt + 10, (short) 0);
        b.putInt(innerAt + 12, source);
        b.putInt(innerAt + 16, destination);
        b.putShort(innerAt + 10, (short) Ipv4Header.checksum(b, innerAt, header));
        return inner(b, innerAt, length - forwardingLength, into);
    }
}
