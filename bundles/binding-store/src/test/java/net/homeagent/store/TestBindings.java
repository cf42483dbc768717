package net.homeagent.store;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;

/** Builds bindings for tests: only what a test cares about is spelled out. */
final class TestBindings {

    private final Inet4Address home;
    private final Inet4Address careOf;
    private Instant registeredAt = Instant.parse("2024-01-01T00:00:00Z");
    private int lifetime = 600;
    private Instant expiresAt;
    private Optional<String> nai = Optional.empty();
    private long identification = 1;
    private Encapsulation encapsulation = Encapsulation.IP_IN_IP;
    private Encapsulation inner = Encapsulation.IP_IN_IP;

    private TestBindings(Inet4Address home, Inet4Address careOf) {
        this.home = home;
        this.careOf = careOf;
    }

    static TestBindings binding(String home, String careOf) {
        return new TestBindings(ip(home), ip(careOf));
    }

    static TestBindings binding(Inet4Address home, Inet4Address careOf) {
        return new TestBindings(home, careOf);
    }

    static Inet4Address ip(String dotted) {
        try {
            return (Inet4Address) InetAddress.getByName(dotted);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(dotted, e);
        }
    }

    TestBindings registeredAt(Instant at) {
        this.registeredAt = at;
        return this;
    }

    TestBindings lifetime(int seconds) {
        this.lifetime = seconds;
        return this;
    }

    /** Overrides registeredAt + lifetime. */
    TestBindings expiresAt(Instant at) {
        this.expiresAt = at;
        return this;
    }

    /** RFC 5944 §3.3 lifetime 0xffff, as the home agent passes it: expiresAt Instant.MAX. */
    TestBindings infinite() {
        this.lifetime = 0xffff;
        this.expiresAt = Instant.MAX;
        return this;
    }

    /** A null value: no NAI. */
    TestBindings nai(String value) {
        this.nai = Optional.ofNullable(value);
        return this;
    }

    TestBindings identification(long value) {
        this.identification = value;
        return this;
    }

    /** A UDP tunnel (RFC 3519) carrying {@code inside}. */
    TestBindings udpTunnel(Encapsulation inside) {
        this.encapsulation = Encapsulation.UDP;
        this.inner = inside;
        return this;
    }

    Binding build() {
        Instant expiry = expiresAt != null ? expiresAt : registeredAt.plusSeconds(lifetime);
        return new Binding(home, careOf, ip("10.0.0.254"), careOf, 434, nai, lifetime, registeredAt, expiry,
                identification, 0, encapsulation, false, inner);
    }
}
