package net.homeagent.mip.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Decides Registration Requests (RFC 5944 §3.8): the home agent's whole registration logic,
 * apart from any socket. The UDP transport calls it, and so can a control node that hands
 * registrations to home agents. It never throws for anything a peer sent: every bad input
 * becomes a reply code or a silent discard.
 */
@ProviderType
public interface RegistrationService {
    RegistrationDecision process(InboundRegistration registration);
}
