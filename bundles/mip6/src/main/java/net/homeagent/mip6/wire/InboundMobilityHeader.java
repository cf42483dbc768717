package net.homeagent.mip6.wire;

import java.net.Inet6Address;
import java.util.Optional;

import net.homeagent.mip.codec.mip6.MobilityMessage;
import net.homeagent.mip6.ipsec.EspSecurityAssociation;

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
 * @param protection        the ESP security association the packet arrived under (RFC 4877), if any
 */
public record InboundMobilityHeader(Inet6Address source, Inet6Address destination,
        Optional<Inet6Address> homeAddressOption, MobilityMessage message, byte[] mobilityHeader,
        Optional<EspSecurityAssociation> protection) {

    /** This message as having arrived under {@code association}'s ESP. */
    public InboundMobilityHeader protectedBy(Optional<EspSecurityAssociation> association) {
        return new InboundMobilityHeader(source, destination, homeAddressOption, message, mobilityHeader, association);
    }

    /** The home address the message is from: its Home Address option, else its source (a node at home). */
    public Inet6Address homeAddress() {
        return homeAddressOption.orElse(source);
    }
}
