package net.homeagent.ha;

import java.net.Inet4Address;
import java.util.Optional;
import java.util.function.Predicate;

import net.homeagent.mip.codec.wire.Ipv4;

/**
 * A prefix of dynamic home addresses (RFC 2794), e.g. {@code 10.1.0.0/24}. Its hosts are the
 * addresses of the prefix without the network and broadcast addresses (a /31 or /32 has no such
 * addresses to spare, RFC 3021).
 *
 * @param network      the network address, host bits zero
 * @param prefixLength 0 to 32
 */
public record AddressPool(int network, int prefixLength) {

    public AddressPool {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is not 0-32");
        }
        if ((network & ~mask(prefixLength)) != 0) {
            throw new IllegalArgumentException("host bits are set in " + Ipv4.of(network).getHostAddress() + "/"
                    + prefixLength);
        }
    }

    /** Parses {@code a.b.c.d/n}. */
    public static AddressPool parse(String text) {
        String[] parts = text.trim().split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + text + "' is not address/prefix-length");
        }
        Inet4Address network = Ipv4.parse(parts[0])
                .orElseThrow(() -> new IllegalArgumentException("'" + parts[0] + "' is not an IPv4 address"));
        int length;
        try {
            length = Integer.parseInt(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + parts[1] + "' is not a prefix length", e);
        }
        return new AddressPool(Ipv4.toInt(network), length);
    }

    public boolean contains(Inet4Address address) {
        int value = Ipv4.toInt(address);
        long offset = Integer.toUnsignedLong(value) - Integer.toUnsignedLong(network);
        return (value & mask(prefixLength)) == network && offset >= firstHostOffset() && offset <= lastHostOffset();
    }

    /** The lowest host address for which {@code free} holds, if any. */
    public Optional<Inet4Address> firstFree(Predicate<Inet4Address> free) {
        for (long offset = firstHostOffset(); offset <= lastHostOffset(); offset++) {
            Inet4Address candidate = Ipv4.of(network + (int) offset);
            if (free.test(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private long firstHostOffset() {
        return prefixLength >= 31 ? 0 : 1;
    }

    private long lastHostOffset() {
        long size = 1L << (32 - prefixLength);
        return prefixLength >= 31 ? size - 1 : size - 2;
    }

    private static int mask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    @Override
    public String toString() {
        return Ipv4.of(network).getHostAddress() + "/" + prefixLength;
    }
}
