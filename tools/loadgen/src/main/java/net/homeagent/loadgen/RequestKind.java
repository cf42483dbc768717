package net.homeagent.loadgen;

/**
 * What a simulated mobile node sends (RFC 5944 §3.3, §3.8.2.2): a registration with a new
 * care-of address (a handoff, or the first registration), a renewal with the same care-of
 * address, or a deregistration (Lifetime 0) of its current care-of address.
 */
enum RequestKind {
    REGISTER, RENEW, DEREGISTER;

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
