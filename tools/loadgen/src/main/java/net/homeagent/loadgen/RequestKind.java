package net.homeagent.loadgen;

/**
 * What a simulated mobile node sends (RFC 5944 §3.3, §3.8.2.2): the registration of a node
 * without a binding (its first, or the first after a deregistration), a care-of address change
 * (a node with a binding registers again from another care-of address: a handoff), a renewal
 * with the same care-of address, or a deregistration (Lifetime 0) of the care-of address it was
 * last acknowledged at ({@link AcknowledgementLedger#deregistrationCareOf}).
 * Every registration of a node without a binding also names a new care-of address.
 */
enum RequestKind {
    REGISTER("register"), CARE_OF_CHANGE("care-of-change"), RENEW("renew"), DEREGISTER("deregister");

    private final String label;

    RequestKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** Whether the node names a new care-of address in this request. */
    boolean moves() {
        return this == REGISTER || this == CARE_OF_CHANGE;
    }
}
