package net.homeagent.mip.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A check that later roles (AAA, delegation, the MIMM advisor) plug into the registration
 * decision. Policies are OSGi services called in service-ranking order (highest first) after
 * the request was authenticated and passed replay protection, just before the binding is
 * written; the first refusal wins.
 */
@ConsumerType
public interface RegistrationPolicy {

    /**
     * @param registration the authenticated request
     * @param proposed     the binding the home agent is about to write
     * @return a refusal, or empty to let the registration through
     */
    Optional<Refusal> check(InboundRegistration registration, Binding proposed);

    /** A refusal: the RFC 5944 reply code to send and a short reason for the counters. */
    record Refusal(int replyCode, String reason) {
    }
}
