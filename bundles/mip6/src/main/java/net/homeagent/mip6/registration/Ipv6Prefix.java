package net.homeagent.mip6.registration;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv6 prefix, e.g. 2001:db8:100::/64, as configured (home subnet prefixes, served ranges). */
public record Ipv6Prefix(Inet6Address network, int length) {

    public Ipv6Prefix {
        if (length < 0 || length > 128) {
            throw new IllegalArgumentException("prefix length out of 0..128: " + length);
        }
    }

    /** Parses "2001:db8:100::/64"; an address without a length is a /128. */
    public static Ipv6Prefix parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        int length;
        try {
            length = slash < 0 ? 128 : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IPv6 prefix (bad length): '" + text + "'");
        }
        if (!address.contains(":")) {
            throw new IllegalArgumentException("not an IPv6 prefix: '" + text + "'");
        }
        try {
            InetAddress parsed = InetAddress.getByName(address);
            if (!(parsed instanceof Inet6Address v6)) {
                throw new IllegalArgumentException("not an IPv6 prefix: '" + text + "'");
            }
            return new Ipv6Prefix(v6, length);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv6 prefix: '" + text + "'");
        }
    }

    public boolean contains(Inet6Address address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        int full = length / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != n[i]) {
                return false;
            }
        }
        int rest = length % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (n[full] & mask);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + length;
    }
}
