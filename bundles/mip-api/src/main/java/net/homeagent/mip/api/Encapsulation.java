package net.homeagent.mip.api;

import net.homeagent.mip.codec.RegistrationFlags;
import net.homeagent.mip.codec.RegistrationRequest;

/** How the home agent tunnels datagrams to the care-of address. */
public enum Encapsulation {
    /** IP in IP, RFC 2003: the default every home agent supports (RFC 5944 §3.8.3). */
    IP_IN_IP,
    /** Minimal encapsulation, RFC 2004 (M flag). */
    MINIMAL,
    /** Generic routing encapsulation, RFC 2784/2890 (G flag). */
    GRE,
    /** UDP tunnelling for mobile nodes behind NAT, RFC 3519. */
    UDP;

    /** The encapsulation the flags of a request ask for; UDP is negotiated by extension, not by flag. */
    public static Encapsulation requestedBy(RegistrationRequest request) {
        if (request.flag(RegistrationFlags.G)) {
            return GRE;
        }
        return request.flag(RegistrationFlags.M) ? MINIMAL : IP_IN_IP;
    }

    /**
     * Checks the encapsulation carried inside a tunnel: for UDP (RFC 3519 §3.1) IP in IP, GRE or
     * minimal, never UDP again; for every other tunnel IP in IP, the value that means "none".
     *
     * @throws IllegalArgumentException if {@code inner} does not fit {@code outer}
     */
    public static void requireInner(Encapsulation outer, Encapsulation inner) {
        if (outer == null || inner == null) {
            throw new NullPointerException("encapsulation");
        }
        if (outer == UDP ? inner == UDP : inner != IP_IN_IP) {
            throw new IllegalArgumentException("a " + outer + " tunnel cannot carry " + inner + " inside");
        }
    }
}
