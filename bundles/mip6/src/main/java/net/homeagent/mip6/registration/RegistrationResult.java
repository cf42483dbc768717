package net.homeagent.mip6.registration;

import java.net.Inet6Address;
import java.util.List;

import net.homeagent.mip.codec.mip6.BindingAckStatus;
import net.homeagent.mip.codec.mip6.BindingAcknowledgement;

/**
 * The home agent's answer to one Binding Update.
 *
 * @param status        RFC 6275 §6.1.8 status code
 * @param sequence      the Sequence Number of the acknowledgement: the update's, or the last accepted
 *                      one for 135 (§9.5.1)
 * @param lifetimeUnits the granted lifetime, 4-second units (0 for a deregistration or a refusal)
 * @param homeAddress   the mobile's home address (the type 2 routing header's address)
 * @param careOfAddress where the acknowledgement goes
 * @param sendAck       whether an acknowledgement is sent: the A flag was set, or the update was refused
 * @param reason        why, in words, for the log
 */
public record RegistrationResult(int status, int sequence, int lifetimeUnits, Inet6Address homeAddress,
        Inet6Address careOfAddress, boolean sendAck, String reason) {

    public boolean accepted() {
        return BindingAckStatus.isAccepted(status);
    }

    /** The Binding Acknowledgement (§6.1.8); K is never set (no IKE here, docs/mip6.md). */
    public BindingAcknowledgement acknowledgement() {
        return new BindingAcknowledgement(status, false, sequence, lifetimeUnits, List.of());
    }
}
