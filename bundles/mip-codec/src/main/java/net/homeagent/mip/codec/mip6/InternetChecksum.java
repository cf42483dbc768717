package net.homeagent.mip.codec.mip6;

import java.net.Inet6Address;

import io.netty.buffer.ByteBuf;

/**
 * The Internet checksum (RFC 1071) of an upper-layer header over the IPv6 pseudo-header
 * (RFC 2460 §8.1): source, destination, 32-bit upper-layer length, 24 zero bits, next header.
 * The Mobility Header's (RFC 6275 §6.1.1) and ICMPv6's (RFC 4443 §2.3), e.g. the home agent's
 * Packet Too Big.
 */
public final class InternetChecksum {
    /** Next header value of the Mobility Header in the pseudo-header (RFC 6275 §6.1.1). */
    public static final int MOBILITY_HEADER = 135;
    /** Next header value of ICMPv6 in the pseudo-header (RFC 4443 §2.3). */
    public static final int ICMPV6 = 58;

    private InternetChecksum() {
    }

    /**
     * The one's complement of the one's complement sum of the pseudo-header and
     * {@code data[index, index+length)}; 0 when the data already carries a correct checksum.
     */
    public static int compute(Inet6Address source, Inet6Address destination, int nextHeader, ByteBuf data, int index,
            int length) {
        long sum = sumOf(source.getAddress()) + sumOf(destination.getAddress());
        sum += (length >>> 16) + (length & 0xffff) + nextHeader;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += data.getUnsignedShort(index + i);
        }
        if ((length & 1) != 0) {
            sum += data.getUnsignedByte(index + length - 1) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static long sumOf(byte[] address) {
        long sum = 0;
        for (int i = 0; i < address.length; i += 2) {
            sum += ((address[i] & 0xff) << 8) | (address[i + 1] & 0xff);
        }
        return sum;
    }
}
