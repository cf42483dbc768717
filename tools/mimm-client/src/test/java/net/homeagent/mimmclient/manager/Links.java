package net.homeagent.mimmclient.manager;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import net.homeagent.mip.codec.mimm.LinkType;

/** Link profiles for tests: care-of address 192.0.2.&lt;network&gt; (RFC 5737 documentation range). */
final class Links {

    private Links() {
    }

    static LinkProfile profile(String iface, LinkType type, int network, long kbps, double mw, double cost,
            int preference) {
        return new LinkProfile(iface, type, network, kbps, mw, cost, preference, address("192.0.2." + network),
                Optional.empty());
    }

    static Inet4Address address(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
