package net.homeagent.dataplane.packet;

import java.nio.ByteBuffer;

/**
 * The fields of an IPv4 header (RFC 791 §3.1) the data plane reads and writes, at an offset of a
 * buffer. Absolute gets and puts only: the buffers are slots of native memory shared by a batch.
 */
public final class Ipv4Header {

    public static final int MIN_LENGTH = 20;
    public static final int PROTOCOL_IP_IN_IP = 4;    // RFC 2003
    public static final int PROTOCOL_UDP = 17;
    public static final int PROTOCOL_GRE = 47;        // RFC 2784
    public static final int PROTOCOL_MINIMAL = 55;    // RFC 2004
    static final int FLAG_DF = 0x4000;
    static final int FLAG_MF = 0x2000;
    static final int FRAGMENT_OFFSET = 0x1fff;
    /** TTL of outer headers: the Linux default (net.ipv4.ip_default_ttl), RFC 2003 §3.1 leaves it to the encapsulator. */
    static final int OUTER_TTL = 64;

    private Ipv4Header() {
    }

    public static int version(ByteBuffer b, int at) {
        return (b.get(at) & 0xff) >>> 4;
    }

    /** Header length in octets. */
    public static int headerLength(ByteBuffer b, int at) {
        return (b.get(at) & 0x0f) * 4;
    }

    public static int totalLength(ByteBuffer b, int at) {
        return b.getShort(at + 2) & 0xffff;
    }

    public static int protocol(ByteBuffer b, int at) {
        return b.get(at + 9) & 0xff;
    }

    public static int source(ByteBuffer b, int at) {
        return b.getInt(at + 12);
    }

    public static int destination(ByteBuffer b, int at) {
        return b.getInt(at + 16);
    }

    /** True when the datagram is a fragment (MF set or an offset): RFC 2004 §3 forbids minimal encapsulation of it. */
    static boolean isFragment(ByteBuffer b, int at) {
        int flagsAndOffset = b.getShort(at + 6) & 0xffff;
        return (flagsAndOffset & (FLAG_MF | FRAGMENT_OFFSET)) != 0;
    }

    /**
     * Why the {@code length} octets at {@code at} are no IPv4 datagram we may forward, or null when
     * they are one: version 4, a header of 20-60 octets inside the datagram, and a total length
     * equal to what was received.
     */
    public static String problem(ByteBuffer b, int at, int length) {
        if (length < MIN_LENGTH) {
            return "shorter than an IPv4 header";
        }
        if (version(b, at) != 4) {
            return "not IPv4";
        }
        int header = headerLength(b, at);
        if (header < MIN_LENGTH || header > length) {
            return "bad header length";
        }
        if (totalLength(b, at) != length) {
            return "total length differs from the datagram";
        }
        return null;
    }

    /**
     * Writes a 20-octet header without options. The identification is left 0 and the kernel's raw
     * socket (IP_HDRINCL) fills it in; the checksum is computed here so that the header is valid
     * whoever reads it.
     */
    static void write(ByteBuffer b, int at, int tos, int totalLength, boolean dontFragment, int protocol,
            int source, int destination) {
        b.put(at, (byte) 0x45);
        b.put(at + 1, (byte) tos);
        b.putShort(at + 2, (short) totalLength);
        b.putShort(at + 4, (short) 0);
        b.putShort(at + 6, (short) (dontFragment ? FLAG_DF : 0));
        b.put(at + 8, (byte) OUTER_TTL);
        b.put(at + 9, (byte) protocol);
        b.putShort(at + 10, (short) 0);
        b.putInt(at + 12, source);
        b.putInt(at + 16, destination);
        b.putShort(at + 10, (short) checksum(b, at, MIN_LENGTH));
    }

    static boolean dontFragment(ByteBuffer b, int at) {
        return (b.getShort(at + 6) & FLAG_DF) != 0;
    }

    static int tos(ByteBuffer b, int at) {
        return b.get(at + 1) & 0xff;
    }

    /** The Internet checksum (RFC 1071) of {@code length} octets, an even number here. */
    static int checksum(ByteBuffer b, int at, int length) {
        long sum = 0;
        for (int i = 0; i < length - 1; i += 2) {
            sum += b.getShort(at + i) & 0xffff;
        }
        if ((length & 1) != 0) {
            sum += (b.get(at + length - 1) & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
