package net.homeagent.mip6.wire;

import java.net.Inet6Address;
import java.util.Optional;

import net.homeagent.mip.codec.mip6.MobilityMessage;

/**
 * A Mobility Header message read from an IPv6 packet.
 *
 * @param source            the IPv6 header's source (a care-of address when a Home Address option is there)
 * @param destination       the IPv6 header's destination
 * @param homeAddressOption the Home Address option's address, if the packet carried one
 * @param message           the decoded message
 * @param mobilityHeader    the Mobility Header's octets as received: a correspondent verifies the
 *                          Binding Authorization Data over them (RFC 6275 §6.2.7), since an
 *                          authenticator covers the octets sent, not what a decoder made of them
 */
public record InboundMobilityHeader(Inet6Address source, Inet6Address destination,
        Optional<Inet6Address> homeAddressOption, MobilityMessage message, byte[] mobilityHeader) {
}
