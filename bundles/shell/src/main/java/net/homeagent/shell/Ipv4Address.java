package net.homeagent.shell;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Reads an IPv4 address typed by an operator. Only dotted-quad text is accepted: a host name
 * would make the shell wait for DNS, and a typo must give a one-line error, not a lookup.
 */
final class Ipv4Address {

    private Ipv4Address() {
    }

    /** @throws InvalidArgumentException with a message fit for the console if the text is not a.b.c.d */
    static Inet4Address parse(String text) {
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw invalid(text);
        }
        byte[] octets = new byte[4];
        for (int i = 0; i < 4; i++) {
            octets[i] = (byte) octet(parts[i], text);
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four octets are always an IPv4 address", e);
        }
    }

    private static int octet(String part, String text) {
        if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
            throw invalid(text);
        }
        int value = Integer.parseInt(part);
        if (value > 255) {
            throw invalid(text);
        }
        return value;
    }

    private static InvalidArgumentException invalid(String text) {
        return new InvalidArgumentException("Invalid IPv4 address '" + text + "' (expected a.b.c.d)");
    }
}
