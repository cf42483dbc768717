package net.homeagent.mip6.wire;

import java.net.Inet6Address;
import java.util.Objects;
import java.util.Optional;

import net.homeagent.mip.codec.mip6.BindingAuthorizer;
import net.homeagent.mip.codec.mip6.MobilityMessage;
import net.homeagent.mip6.ipsec.EspSecurityAssociation;

/**
 * A Mobility Header message this node sends, with its addressing (RFC 6275 §6.4, §9.6).
 *
 * @param message     the message
 * @param source      one of this node's addresses (the one the mobile node wrote to)
 * @param destination where the packet goes: a care-of address, or the home address itself (a Home
 *                    Test, §9.4.3, or a mobile node at home)
 * @param homeAddress the mobile node's home address: when it differs from {@code destination} the
 *                    packet carries a type 2 routing header with it, and the checksum is over it as
 *                    the final destination; a Care-of Test, which is for the care-of address and
 *                    no home address (§9.4.4), gives the care-of address here
 * @param authorizer  Kbm, care-of address and correspondent of a Binding Acknowledgement a
 *                    correspondent authenticates (§6.2.7, §9.5.4); empty for everything else
 * @param protection  the ESP security association a home agent's acknowledgement leaves under (RFC
 *                    4877 §4.1), empty for everything else
 */
public record OutboundMobilityMessage(MobilityMessage message, Inet6Address source, Inet6Address destination,
        Inet6Address homeAddress, Optional<BindingAuthorizer> authorizer,
        Optional<EspSecurityAssociation> protection) {

    public OutboundMobilityMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(homeAddress, "homeAddress");
        Objects.requireNonNull(authorizer, "authorizer");
        Objects.requireNonNull(protection, "protection");
    }

    /** This message under {@code association}'s ESP when there is one. */
    public OutboundMobilityMessage protectedBy(Optional<EspSecurityAssociation> association) {
        return new OutboundMobilityMessage(message, source, destination, homeAddress, authorizer, association);
    }

    /** A message without Binding Authorization Data. */
    public static OutboundMobilityMessage plain(MobilityMessage message, Inet6Address source, Inet6Address destination,
            Inet6Address homeAddress) {
        return new OutboundMobilityMessage(message, source, destination, homeAddress, Optional.empty(),
                Optional.empty());
    }
}
