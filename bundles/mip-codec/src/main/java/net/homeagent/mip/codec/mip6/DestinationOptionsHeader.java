package net.homeagent.mip.codec.mip6;

import java.net.Inet6Address;
import java.util.Objects;
import java.util.Optional;

/**
 * A Destination Options header (RFC 2460 §4.6) as far as Mobile IPv6 cares: its Next Header and
 * the Home Address option (RFC 6275 §6.3, option type 201, length 16, alignment 8n+6) when it
 * carries one. A mobile node away from home sends from its care-of address and names its home
 * address there.
 *
 * @param nextHeader  the Next Header field
 * @param homeAddress the Home Address option's address, if the header has one
 */
public record DestinationOptionsHeader(int nextHeader, Optional<Inet6Address> homeAddress) {
    /** Home Address option type 201: its two high bits 11 make a receiver that does not know it drop the packet. */
    public static final int HOME_ADDRESS_OPTION = 201;

    public DestinationOptionsHeader {
        WireRanges.unsigned8(nextHeader, "next header");
        Objects.requireNonNull(homeAddress, "homeAddress");
    }

    /** The header a mobile node away from home sends. */
    public static DestinationOptionsHeader withHomeAddress(int nextHeader, Inet6Address homeAddress) {
        return new DestinationOptionsHeader(nextHeader, Optional.of(homeAddress));
    }
}
