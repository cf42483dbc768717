package net.homeagent.mip.api;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import net.homeagent.mip.api.support.Futures;
import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.RegistrationReply;

/**
 * What the home agent answers to one request.
 *
 * @param reply   the Registration Reply to send, or empty to discard the request silently
 *                (RFC 5944 §3.8.2.1 and §1.9 name the cases)
 * @param signer  computes the reply's authentication extensions (MN-HA with the mobile node's
 *                security association); {@link MessageSigner#NONE} when the reply carries none
 * @param reason  for a refusal or a discard, why, in words for counters and logs
 * @param durable completes when the binding change behind this decision is durable
 *                ({@link BindingStore#sync()}); the transport sends the reply only then, so that
 *                nothing acknowledged to a mobile node is lost in a crash. Already complete when
 *                the decision changed nothing.
 */
public record RegistrationDecision(Optional<RegistrationReply> reply, MessageSigner signer, Optional<String> reason,
        CompletionStage<Void> durable) {

    public RegistrationDecision {
        Objects.requireNonNull(durable, "durable");
    }

    public static RegistrationDecision discard(String reason) {
        return new RegistrationDecision(Optional.empty(), MessageSigner.NONE, Optional.of(reason), Futures.NOTHING_TO_WAIT_FOR);
    }

    public static RegistrationDecision reply(RegistrationReply reply, MessageSigner signer) {
        return new RegistrationDecision(Optional.of(reply), signer, Optional.empty(), Futures.NOTHING_TO_WAIT_FOR);
    }

    public static RegistrationDecision refuse(RegistrationReply reply, MessageSigner signer, String reason) {
        return new RegistrationDecision(Optional.of(reply), signer, Optional.of(reason), Futures.NOTHING_TO_WAIT_FOR);
    }

    /** This decision, to be sent once {@code change} completes. */
    public RegistrationDecision afterDurable(CompletionStage<Void> change) {
        return new RegistrationDecision(reply, signer, reason, change);
    }
}
