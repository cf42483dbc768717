package net.homeagent.mimmclient.manager;

import java.time.Duration;
import java.util.Optional;

/**
 * The Mobile IP client: registers the care-of address of a link with the home agent (RFC 5944
 * §3.3), used when the advisor did not complete the registration itself.
 */
public interface MobileIpRegistrar {

    /** Registers {@code via}'s care-of address; never throws for a refusal or a lost reply. */
    RegistrationResult register(LinkProfile via);

    /**
     * @param accepted the home agent accepted (authentic reply, code 0 or 1)
     * @param detail   the reply code or why there is none, for the log
     * @param granted  the lifetime the accepting reply grants (RFC 5944 §3.4: it may be less than asked);
     *                 empty when refused or not known
     */
    record RegistrationResult(boolean accepted, String detail, Optional<Duration> granted) {

        /** A result that says nothing of the lifetime (refusals, the simulation). */
        public RegistrationResult(boolean accepted, String detail) {
            this(accepted, detail, Optional.empty());
        }
    }
}
