package net.homeagent.ha.transport;

import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import net.homeagent.mip.codec.wire.Ipv4;

/**
 * The local addresses to open one socket each on. A socket per address, rather than one on
 * 0.0.0.0, makes every reply leave from the address its request was sent to, as RFC 5944
 * §3.8.3.1 asks (the reply's source is the request's destination).
 */
final class ListenAddresses {

    private ListenAddresses() {
    }

    /** Expands 0.0.0.0 to every IPv4 address of the host's interfaces that are up (loopback too). */
    static List<Inet4Address> expand(List<Inet4Address> configured) throws SocketException {
        Set<Inet4Address> addresses = new LinkedHashSet<>();
        for (Inet4Address address : configured) {
            if (Ipv4.isUnspecified(address)) {
                addresses.addAll(hostAddresses());
            } else {
                addresses.add(address);
            }
        }
        return List.copyOf(addresses);
    }

    private static List<Inet4Address> hostAddresses() throws SocketException {
        Set<Inet4Address> found = new LinkedHashSet<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp()) {
                nic.inetAddresses().filter(Inet4Address.class::isInstance).map(Inet4Address.class::cast)
                        .forEach(found::add);
            }
        }
        return List.copyOf(found);
    }
}
