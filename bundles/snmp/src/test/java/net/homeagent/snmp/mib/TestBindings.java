package net.homeagent.snmp.mib;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;

/** Bindings for the MIB tests. */
public final class TestBindings {
    public static final Instant REGISTERED = Instant.parse("2026-12-01T10:00:00Z");

    private TestBindings() {
    }

    public static Inet4Address ip(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** A co-located care-of address binding granted 1800 s at {@link #REGISTERED}. */
    public static Binding binding(String home, String careOf, int flags) {
        return new Binding(ip(home), ip(careOf), ip("192.0.2.254"), ip(careOf), 434, Optional.empty(), 1800,
                REGISTERED, REGISTERED.plusSeconds(1800), 0xE9E4A1B2_00000007L, flags, Encapsulation.IP_IN_IP, false);
    }
}
