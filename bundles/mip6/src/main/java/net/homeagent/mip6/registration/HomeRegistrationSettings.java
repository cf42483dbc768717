package net.homeagent.mip6.registration;

import java.net.Inet6Address;
import java.util.List;

/**
 * The rules of a home agent for home registrations, or of a MAP for MAP registrations (RFC 5380:
 * its regional care-of addresses take the home addresses' place).
 *
 * @param kind               home registrations (H flag) or MAP registrations (M and A flags)
 * @param homePrefixes       the home subnet prefixes this home agent serves (RFC 6275 §10.3.1:
 *                           a home address outside them is refused with 132, not home subnet);
 *                           for a MAP, the prefixes of its regional care-of addresses
 * @param servedRanges       the home addresses it is the home agent of (outside them: 133, not home
 *                           agent for this mobile node); the home prefixes when none is configured
 * @param maxLifetimeSeconds the longest lifetime granted (§10.3.1: the granted lifetime is at most
 *                           the requested one and at most what the home agent allows)
 * @param capacity           binding cache entries at most (beyond: 130, insufficient resources)
 * @param homeAgentAddresses the node's own addresses: never a mobile node's home address (129)
 */
public record HomeRegistrationSettings(RegistrationKind kind, List<Ipv6Prefix> homePrefixes,
        List<Ipv6Prefix> servedRanges, long maxLifetimeSeconds, int capacity, List<Inet6Address> homeAgentAddresses) {

    public HomeRegistrationSettings {
        homeAgentAddresses = List.copyOf(homeAgentAddresses);
        homePrefixes = List.copyOf(homePrefixes);
        servedRanges = servedRanges.isEmpty() ? homePrefixes : List.copyOf(servedRanges);
        if (homePrefixes.isEmpty()) {
            throw new IllegalArgumentException(kind == RegistrationKind.HOME
                    ? "no home prefix configured (homePrefixes)" : "no MAP prefix configured (mapPrefixes)");
        }
        if (maxLifetimeSeconds < 4 || maxLifetimeSeconds > 262_140) {
            throw new IllegalArgumentException("maxLifetimeSeconds out of 4..262140 (16 bits of 4-second units): "
                    + maxLifetimeSeconds);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity below 1: " + capacity);
        }
    }
}
