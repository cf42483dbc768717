package net.homeagent.mip6.recovery;

import java.net.Inet6Address;

/**
 * The care-of prefix that keys the shuffle: the first {@code length} bits (1..64) of a care-of
 * address, as a {@code long}. An access network hands its mobiles addresses of one /64 (RFC 4291
 * §2.5.1, interface identifiers of 64 bits), so a /64 names the network a Binding Refresh Request
 * goes through; a shorter length groups several networks of one operator.
 */
final class CareOfPrefix {

    static final int MAX_LENGTH = 64;

    private CareOfPrefix() {
    }

    static long of(Inet6Address address, int length) {
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("care-of prefix length out of 1..64: " + length);
        }
        byte[] bytes = address.getAddress();
        long high = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (bytes[i] & 0xff);
        }
        return length == 64 ? high : high & (-1L << (64 - length));
    }

    /** The prefix written as an address, e.g. "2001:db8:a1:0:0:0:0:0/64", for logs and the shell. */
    static String format(long prefix, int length) {
        StringBuilder text = new StringBuilder();
        for (int group = 0; group < 4; group++) {
            text.append(Long.toHexString((prefix >>> (48 - 16 * group)) & 0xffff)).append(':');
        }
        return text.append(":/").append(length).toString();
    }
}
