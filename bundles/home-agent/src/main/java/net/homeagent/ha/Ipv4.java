package net.homeagent.ha;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** IPv4 address helpers that never touch DNS (configuration and peers give literals only). */
public final class Ipv4 {
    /** 0.0.0.0: "ask for a home address" in a request (RFC 2794), "every address" in listenAddresses. */
    public static final Inet4Address UNSPECIFIED = of(0);

    private Ipv4() {
    }

    /** Parses a dotted quad such as {@code 10.0.0.1}; anything else is empty. */
    public static Optional<Inet4Address> parse(String text) {
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        int value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return Optional.empty();
            }
            value = value << 8 | octet;
        }
        return Optional.of(of(value));
    }

    public static Inet4Address of(int value) {
        byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four octets are always an IPv4 address", e);
        }
    }

    public static int toInt(Inet4Address address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    public static boolean isUnspecified(Inet4Address address) {
        // the wildcard test reads the address in place; toInt would copy its octets (every request)
        return address.isAnyLocalAddress();
    }

    /** The IPv4 address of a socket address, or 0.0.0.0 when it has none (unresolved or IPv6). */
    public static Inet4Address addressOf(InetSocketAddress socketAddress) {
        return socketAddress.getAddress() instanceof Inet4Address a ? a : UNSPECIFIED;
    }
}
