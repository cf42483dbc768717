package net.homeagent.shell;

import java.net.Inet4Address;

import net.homeagent.mip.codec.wire.Ipv4;

/**
 * Reads an IPv4 address typed by an operator. Only dotted-quad text is accepted: a host name
 * would make the shell wait for DNS, and a typo must give a one-line error, not a lookup.
 */
final class AddressArgument {

    private AddressArgument() {
    }

    /** @throws InvalidArgumentException with a message fit for the console if the text is not a.b.c.d */
    static Inet4Address parse(String text) {
        return Ipv4.parse(text).orElseThrow(
                () -> new InvalidArgumentException("Invalid IPv4 address '" + text + "' (expected a.b.c.d)"));
    }
}
