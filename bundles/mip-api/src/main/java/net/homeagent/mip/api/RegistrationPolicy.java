package net.homeagent.mip.api;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A check that roles (AAA, delegation, the redundancy group, the MIMM advisor) plug into the
 * registration decision. Policies are OSGi services called in service-ranking order (highest
 * first) after the request was authenticated, passed replay protection and the home agent's own
 * checks, just before the binding is written or, for a deregistration (RFC 5944 §3.8.2.2), just
 * before the bindings are removed: a deregistration is proposed as a binding of granted lifetime 0
 * (expiring when it was asked) for the care-of address it names, and a refusal or discard removes
 * nothing. The first refusal or discard wins; the reply extensions of every policy that
 * passed go into the reply.
 *
 * <p>{@link #decide} is called on a registration event loop and must never block it: a policy that
 * waits for a server returns a stage that the server's answer completes. The home agent bounds the
 * wait ({@code policyTimeoutMillis} of {@code net.homeagent.ha}; past it the request is refused with
 * 130, insufficient resources, RFC 5944 §3.4: it lacks what it needs to decide now, which a
 * retransmission may find) and writes the binding only once every policy has passed. If any later
 * request of the same mobile node passed replay protection (§5.7) while one waited, a registration,
 * a deregistration or one refused in turn, the waiting one is discarded without a reply instead of
 * putting an older care-of address back: the node retransmits only its newest request (§3.6.3).
 *
 * <p>A policy in the first form of this contract, a synchronous refusal or none, is adapted with
 * {@link #refusing}.
 */
@FunctionalInterface
@ConsumerType
public interface RegistrationPolicy {

    /**
     * @param registration the authenticated request
     * @param proposed     the binding the home agent is about to write
     * @return the verdict, complete when known at once ({@link RegistrationVerdict#PASSED} for a
     *         pass with nothing to add); a failed stage is answered with 128
     */
    CompletionStage<RegistrationVerdict> decide(InboundRegistration registration, Binding proposed);

    /**
     * A policy in the first form of this contract: a synchronous refusal, or empty to let the
     * registration through.
     */
    static RegistrationPolicy refusing(BiFunction<InboundRegistration, Binding, Optional<Refusal>> check) {
        return (registration, proposed) -> check.apply(registration, proposed)
                .<CompletionStage<RegistrationVerdict>>map(refusal -> CompletableFuture.completedFuture(
                        RegistrationVerdict.refuse(refusal.replyCode(), refusal.reason())))
                .orElse(RegistrationVerdict.PASSED);
    }

    /** A refusal: the RFC 5944 reply code to send (128-255) and a short reason for the counters. */
    record Refusal(int replyCode, String reason) {
    }
}
