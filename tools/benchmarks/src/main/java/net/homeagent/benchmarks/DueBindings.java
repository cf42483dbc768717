package net.homeagent.benchmarks;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.Optional;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.codec.wire.Ipv4;
import net.homeagent.store.DurableBindingStore;

/** Fills a store with bindings that all expire in the same second. */
final class DueBindings {

    private DueBindings() {
    }

    /** Registers {@code count} bindings (home addresses 10.128.0.0 + i) granted {@code lifetime} s at {@code now}. */
    static void fill(DurableBindingStore store, int count, Instant now, int lifetime) {
        Inet4Address careOf = Ipv4.of(0xc612_0001);
        for (int i = 0; i < count; i++) {
            store.register(binding(RegistrationFixtures.homeAddress(i), careOf, now, lifetime, i), false);
        }
    }

    static Binding binding(Inet4Address home, Inet4Address careOf, Instant now, int lifetime, long identification) {
        return new Binding(home, careOf, RegistrationFixtures.HOME_AGENT, RegistrationFixtures.FOREIGN_AGENT_ADDRESS, 434,
                Optional.empty(), lifetime, now, now.plusSeconds(lifetime), identification, 0, Encapsulation.IP_IN_IP,
                false);
    }
}
