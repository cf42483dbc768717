package net.homeagent.mip.codec.mip6;

import java.net.Inet6Address;
import java.net.UnknownHostException;

import io.netty.buffer.ByteBuf;

/** IPv6 address fields of this package's headers, and of the IPv6 headers the MIPv6 node reads. */
public final class Ipv6Fields {
    public static final int ADDRESS_LENGTH = 16;

    private Ipv6Fields() {
    }

    /**
     * Sixteen octets as an {@link Inet6Address}, also for an IPv4-mapped address (which
     * {@code InetAddress.getByAddress} would turn into an IPv4 one).
     */
    public static Inet6Address read(ByteBuf buf, int index) {
        byte[] octets = new byte[ADDRESS_LENGTH];
        buf.getBytes(index, octets);
        try {
            return Inet6Address.getByAddress(null, octets, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("sixteen octets are always an IPv6 address", e);
        }
    }

    static void write(ByteBuf out, Inet6Address address) {
        out.writeBytes(address.getAddress());
    }
}
