package net.homeagent.shell;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.Optional;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;

/** Bindings for the command tests. */
final class Bindings {
    static final Instant REGISTERED = Instant.parse("2024-05-01T10:00:00Z");

    private Bindings() {
    }

    static Inet4Address ip(String text) {
        return AddressArgument.parse(text);
    }

    /** A binding via a foreign agent at 198.51.100.1 with the given lifetime, registered at {@link #REGISTERED}. */
    static Binding binding(String home, String careOf, int lifetime, int flags, Encapsulation encapsulation,
            boolean reverse) {
        return new Binding(ip(home), ip(careOf), ip("192.0.2.1"), ip("198.51.100.1"), 434, Optional.empty(),
                lifetime, REGISTERED, REGISTERED.plusSeconds(lifetime), 0xE9E4A1B200000001L, flags, encapsulation,
                reverse);
    }
}
