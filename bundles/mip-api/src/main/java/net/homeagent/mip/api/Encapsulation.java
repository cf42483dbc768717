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
}
