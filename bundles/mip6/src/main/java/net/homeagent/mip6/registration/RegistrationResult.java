package net.homeagent.mip6.registration;

import java.net.Inet6Address;
import java.util.List;
import java.util.Optional;

import net.homeagent.mip.codec.mip6.BindingAckStatus;
import net.homeagent.mip.codec.mip6.BindingAcknowledgement;
import net.homeagent.mip.codec.mip6.BindingAuthorizer;

/**
 * A node's answer to one Binding Update (home agent or correspondent node).
 *
 * @param status        RFC 6275 §6.1.8 status code
 * @param sequence      the Sequence Number of the acknowledgement: the update's, or the last accepted
 *                      one for 135 (§9.5.1)
 * @param lifetimeUnits the granted lifetime, 4-second units (0 for a deregistration or a refusal)
 * @param homeAddress   the mobile's home address (the type 2 routing header's address)
 * @param careOfAddress the care-of address the update registered (or asked to register)
 * @param sendAck       whether an acknowledgement is sent: the A flag was set, or the update was refused
 * @param reason        why, in words, for the log
 * @param authorizer    a correspondent's key for the acknowledgement's Binding Authorization Data
 *                      (§6.2.7, §9.5.4); empty for a home agent (its acknowledgements are protected
 *                      by IPsec in the RFC, docs/mip6.md "Security") and for a refusal of expired
 *                      nonces (136-138), where the correspondent has no Kbm to sign with
 */
public record RegistrationResult(int status, int sequence, int lifetimeUnits, Inet6Address homeAddress,
        Inet6Address careOfAddress, boolean sendAck, String reason, Optional<BindingAuthorizer> authorizer) {

    /** A home agent's answer: no Binding Authorization Data. */
    public RegistrationResult(int status, int sequence, int lifetimeUnits, Inet6Address homeAddress,
            Inet6Address careOfAddress, boolean sendAck, String reason) {
        this(status, sequence, lifetimeUnits, homeAddress, careOfAddress, sendAck, reason, Optional.empty());
    }

    public boolean accepted() {
        return BindingAckStatus.isAccepted(status);
    }

    /** The Binding Acknowledgement (§6.1.8); K is never set (no IKE here, docs/mip6.md). */
    public BindingAcknowledgement acknowledgement() {
        return new BindingAcknowledgement(status, false, sequence, lifetimeUnits, List.of());
    }
}
