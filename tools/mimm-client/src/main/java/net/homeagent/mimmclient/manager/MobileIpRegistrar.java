package net.homeagent.mimmclient.manager;

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
     */
    record RegistrationResult(boolean accepted, String detail) {
    }
}
