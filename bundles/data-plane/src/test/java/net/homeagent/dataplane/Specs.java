package net.homeagent.dataplane;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import net.homeagent.mip.api.BindingKey;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.TunnelSpec;

/** Tunnel specs for the tests. */
public final class Specs {

    public static final Inet4Address HA = ip("10.0.1.1");

    private Specs() {
    }

    public static Inet4Address ip(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static TunnelSpec spec(String home, String careOf, Encapsulation encapsulation) {
        Optional<InetSocketAddress> peer = encapsulation == Encapsulation.UDP
                ? Optional.of(new InetSocketAddress(ip("198.51.100.7"), 40001)) : Optional.empty();
        return new TunnelSpec(new BindingKey(ip(home), ip(careOf)), HA, encapsulation, true, peer);
    }
}
