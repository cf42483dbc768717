package net.homeagent.mip.codec.mip6;

import java.net.Inet6Address;
import java.util.Objects;

/**
 * Type 2 Routing Header, RFC 6275 §6.4: a home agent or correspondent sends to the care-of
 * address and names the home address here, the packet's final destination.
 *
 * @param nextHeader   the Next Header field
 * @param segmentsLeft 1 as sent; 0 once the mobile node has processed it
 * @param homeAddress  the mobile node's home address
 */
public record Type2RoutingHeader(int nextHeader, int segmentsLeft, Inet6Address homeAddress) {
    /** The IPv6 Next Header value of a Routing header. */
    public static final int NEXT_HEADER = 43;
    public static final int ROUTING_TYPE = 2;

    public Type2RoutingHeader {
        WireRanges.unsigned8(nextHeader, "next header");
        if (segmentsLeft != 0 && segmentsLeft != 1) {
            throw new IllegalArgumentException("segments left " + segmentsLeft
                    + " (RFC 6275 §6.4: 1, or 0 once processed)");
        }
        Objects.requireNonNull(homeAddress, "homeAddress");
    }

    /** The header as a sender writes it, Segments Left 1. */
    public static Type2RoutingHeader to(Inet6Address homeAddress, int nextHeader) {
        return new Type2RoutingHeader(nextHeader, 1, homeAddress);
    }
}
