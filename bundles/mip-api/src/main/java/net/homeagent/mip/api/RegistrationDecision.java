package net.homeagent.mip.api;

import java.util.Optional;

import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.RegistrationReply;

/**
 * What the home agent answers to one request.
 *
 * @param reply  the Registration Reply to send, or empty to discard the request silently
 *               (RFC 5944 §3.8.2.1 and §1.9 name the cases)
 * @param signer computes the reply's authentication extensions (MN-HA with the mobile node's
 *               security association); {@link MessageSigner#NONE} when the reply carries none
 * @param reason for a refusal or a discard, why, in words for counters and logs
 */
public record RegistrationDecision(Optional<RegistrationReply> reply, MessageSigner signer, Optional<String> reason) {

    public static RegistrationDecision discard(String reason) {
        return new RegistrationDecision(Optional.empty(), MessageSigner.NONE, Optional.of(reason));
    }

    public static RegistrationDecision reply(RegistrationReply reply, MessageSigner signer) {
        return new RegistrationDecision(Optional.of(reply), signer, Optional.empty());
    }

    public static RegistrationDecision refuse(RegistrationReply reply, MessageSigner signer, String reason) {
        return new RegistrationDecision(Optional.of(reply), signer, Optional.of(reason));
    }
}
