package net.homeagent.mimm.network;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** A CIDR block of care-of addresses, e.g. 10.1.0.0/16. */
public record Ipv4Prefix(int network, int length) {

    public Ipv4Prefix {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length is 0..32: " + length);
        }
        if ((network & ~mask(length)) != 0) {
            throw new IllegalArgumentException("host bits set in " + text(network, length));
        }
    }

    /** Parses {@code a.b.c.d/len}; the address must be a dotted quad (no name lookups). */
    public static Ipv4Prefix parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0 || !cidr.substring(0, slash).matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException("not a prefix a.b.c.d/len: " + cidr);
        }
        try {
            InetAddress address = InetAddress.getByName(cidr.substring(0, slash));
            return new Ipv4Prefix(toInt((Inet4Address) address), Integer.parseInt(cidr.substring(slash + 1)));
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not a prefix a.b.c.d/len: " + cidr, e);
        }
    }

    public boolean contains(Inet4Address address) {
        return contains(toInt(address));
    }

    /** @param address an IPv4 address as a 32-bit number ({@link #toInt}) */
    boolean contains(int address) {
        return (address & mask(length)) == network;
    }

    static int toInt(Inet4Address address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    private static int mask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    private static String text(int network, int length) {
        return (network >>> 24) + "." + (network >>> 16 & 0xff) + "." + (network >>> 8 & 0xff) + "." + (network & 0xff)
                + "/" + length;
    }

    @Override
    public String toString() {
        return text(network, length);
    }
}
