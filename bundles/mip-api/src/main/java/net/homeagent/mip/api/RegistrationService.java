package net.homeagent.mip.api;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Decides Registration Requests (RFC 5944 §3.8): the home agent's whole registration logic,
 * apart from any socket. The UDP transport calls it, and so can a control node that hands
 * registrations to home agents. It never throws for anything a peer sent: every bad input
 * becomes a reply code or a silent discard.
 */
@ProviderType
public interface RegistrationService {

    /**
     * @return the decision; already complete unless a {@link RegistrationPolicy} or a
     *         {@link VendorExtensionHandler} answers later, and it never completes exceptionally
     *         (a fault is answered with 128). Whoever sends the reply still waits for
     *         {@link RegistrationDecision#durable()}.
     */
    CompletionStage<RegistrationDecision> process(InboundRegistration registration);
}
