package net.homeagent.mip.api;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.Optional;

/**
 * One mobility binding (RFC 5944 §3.8.3): the home address is reachable at the care-of
 * address until {@code expiresAt}. With simultaneous bindings (S flag) a home address has
 * several, one per care-of address.
 *
 * @param homeAddress    the mobile node's home address
 * @param careOfAddress  where datagrams for the home address are tunnelled
 * @param homeAgent      the home agent address the mobile node registered with
 * @param sourceAddress  where the request came from: the foreign agent, or the mobile node itself
 *                       for a co-located care-of address
 * @param sourcePort     the UDP source port of the request (RFC 3519 tunnels go back to it)
 * @param nai            the Network Access Identifier (RFC 2794), if the mobile node sent one
 * @param grantedLifetime seconds granted in the reply
 * @param registeredAt   when this registration (or its last renewal) was accepted
 * @param expiresAt      when the binding expires unless renewed
 * @param identification the identification of the accepted request (RFC 5944 §5.7)
 * @param flags          the request's {@code S B D M G r T x} octet
 * @param encapsulation  the tunnel encapsulation granted
 * @param reverseTunnel  reverse tunnelling granted (RFC 3024)
 * @param innerEncapsulation for a UDP tunnel, the encapsulation carried inside UDP that the UDP
 *                       Tunnel Request asked for (RFC 3519 §3.1): IP in IP, GRE or minimal; IP in
 *                       IP for every other tunnel, so that two equal bindings are equal records
 */
public record Binding(Inet4Address homeAddress, Inet4Address careOfAddress, Inet4Address homeAgent,
        Inet4Address sourceAddress, int sourcePort, Optional<String> nai, int grantedLifetime,
        Instant registeredAt, Instant expiresAt, long identification, int flags, Encapsulation encapsulation,
        boolean reverseTunnel, Encapsulation innerEncapsulation) {

    /** RFC 5944 §3.3: a lifetime of all ones (in a request, a reply and so a binding) is infinity. */
    public static final int INFINITE_LIFETIME = 0xffff;

    public Binding {
        Encapsulation.requireInner(encapsulation, innerEncapsulation);
    }

    /** A binding whose UDP tunnel, if it is one, carries IP in IP (the 1.0 constructor). */
    public Binding(Inet4Address homeAddress, Inet4Address careOfAddress, Inet4Address homeAgent,
            Inet4Address sourceAddress, int sourcePort, Optional<String> nai, int grantedLifetime,
            Instant registeredAt, Instant expiresAt, long identification, int flags, Encapsulation encapsulation,
            boolean reverseTunnel) {
        this(homeAddress, careOfAddress, homeAgent, sourceAddress, sourcePort, nai, grantedLifetime, registeredAt,
                expiresAt, identification, flags, encapsulation, reverseTunnel, Encapsulation.IP_IN_IP);
    }

    /** Whole seconds left at {@code now}, never negative. */
    public long remainingSeconds(Instant now) {
        // Duration, not epoch milliseconds: a binding that never expires carries Instant.MAX.
        java.time.Duration left = java.time.Duration.between(now, expiresAt);
        return left.isNegative() || left.isZero() ? 0 : left.getSeconds() + (left.getNano() > 0 ? 1 : 0);
    }

    public boolean isExpiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }

    public BindingKey key() {
        return new BindingKey(homeAddress, careOfAddress);
    }
}
