package net.homeagent.mip6;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IPv6 literals for tests. */
public final class Addresses {

    private Addresses() {
    }

    public static Inet6Address v6(String literal) {
        try {
            return (Inet6Address) InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** 2001:db8:&lt;prefix&gt;::&lt;host&gt;, hex groups from the numbers. */
    public static Inet6Address inPrefix(int prefix, int host) {
        byte[] octets = new byte[16];
        octets[0] = 0x20;
        octets[1] = 0x01;
        octets[2] = 0x0d;
        octets[3] = (byte) 0xb8;
        octets[4] = (byte) (prefix >>> 8);
        octets[5] = (byte) prefix;
        octets[12] = (byte) (host >>> 24);
        octets[13] = (byte) (host >>> 16);
        octets[14] = (byte) (host >>> 8);
        octets[15] = (byte) host;
        try {
            return Inet6Address.getByAddress(null, octets, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
