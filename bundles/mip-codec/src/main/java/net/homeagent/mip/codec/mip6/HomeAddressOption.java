package net.homeagent.mip.codec.mip6;

import java.net.Inet6Address;
import java.util.Objects;

/**
 * Home Address destination option, RFC 6275 §6.3 (option type 201, length 16, alignment 8n+6): a
 * mobile node away from home sends from its care-of address and names its home address here.
 *
 * @param nextHeader  the Next Header of the Destination Options header that carried it
 * @param homeAddress the mobile node's home address
 */
public record HomeAddressOption(int nextHeader, Inet6Address homeAddress) {
    /** Option type 201: the two high bits 11 make a receiver that does not know it discard the packet. */
    public static final int OPTION_TYPE = 201;

    public HomeAddressOption {
        WireRanges.unsigned8(nextHeader, "next header");
        Objects.requireNonNull(homeAddress, "homeAddress");
    }
}
