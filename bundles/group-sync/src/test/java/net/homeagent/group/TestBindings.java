package net.homeagent.group;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;

/** Bindings for the group's tests. */
final class TestBindings {

    private TestBindings() {
    }

    static Inet4Address ip(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** A binding of {@code home} at {@code careOf} registered at {@code now} for {@code lifetime} seconds. */
    static Binding binding(String home, String careOf, Instant now, int lifetime) {
        return new Binding(ip(home), ip(careOf), ip("192.0.2.1"), ip(careOf), 434, Optional.empty(), lifetime, now,
                now.plusSeconds(lifetime), 0x1234_5678_9abc_def0L, 0x10, Encapsulation.IP_IN_IP, false);
    }
}
