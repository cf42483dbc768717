package net.homeagent.mip.codec.wire;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * IPv4 addresses as 32-bit numbers and as dotted-quad text, the one helper of every layer (codec,
 * binding store, home agent, data plane, shell, SNMP). It never touches DNS: configuration,
 * operators and peers give literals only, and a typo must not become a lookup.
 */
public final class Ipv4 {
    /** 0.0.0.0: "ask for a home address" in a request (RFC 2794), "every address" in a listen list. */
    public static final Inet4Address UNSPECIFIED = of(0);

    private Ipv4() {
    }

    /**
     * The address as 32 bits, most significant octet first, without copying its octets:
     * {@code Inet4Address.hashCode()} is the address itself in every OpenJDK release (Ipv4Test pins
     * that), and {@code getAddress()} would allocate an array for every field of every registration.
     */
    public static int toInt(Inet4Address address) {
        return address.hashCode();
    }

    /** The address as an unsigned number, so that 200.0.0.1 sorts after 10.0.0.1. */
    public static long toUnsigned(Inet4Address address) {
        return Integer.toUnsignedLong(toInt(address));
    }

    /** The address whose 32 bits are {@code value}, most significant octet first. */
    public static Inet4Address of(int value) {
        byte[] octets = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        try {
            return (Inet4Address) InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four octets are always an IPv4 address", e);
        }
    }

    /** Parses a dotted quad such as {@code 10.0.0.1}; anything else (a host name too) is empty. */
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

    /** Dotted-quad text of 32 bits, without making an address object (route and log lines). */
    public static String text(int value) {
        return (value >>> 24) + "." + ((value >>> 16) & 0xff) + "." + ((value >>> 8) & 0xff) + "." + (value & 0xff);
    }

    public static boolean isUnspecified(Inet4Address address) {
        // the wildcard test reads the address in place (every request asks it)
        return address.isAnyLocalAddress();
    }

    /** The IPv4 address of a socket address, or 0.0.0.0 when it has none (unresolved or IPv6). */
    public static Inet4Address addressOf(InetSocketAddress socketAddress) {
        return socketAddress.getAddress() instanceof Inet4Address a ? a : UNSPECIFIED;
    }
}
