package net.homeagent.dataplane.userspace;

/**
 * Who told the forwarder a set of reverse-only tunnels (bindings of home addresses this node does
 * not forward, whose reverse tunnels land here). Each owner's set is replaced only by that owner, so
 * the binding driver's reconcile does not wipe a role's entries and a role's whole-set update does not
 * wipe the driver's; the reverse direction admits a datagram from any owner's entries.
 */
public enum ReverseOnlyOwner {
    /** The binding driver: home addresses this primary home agent delegated (docs/delegation.md). */
    DELEGATED("reverse tunnels of home addresses other nodes forward"),
    /**
     * A role through mip-api's {@code ReverseTunnelAdmission}: the HA control node's, for the mobiles
     * of its home agents, which tunnel to the public address it owns (docs/hacn.md).
     */
    ADMITTED("reverse tunnels admitted for a role (the control node's home agents' mobiles)");

    /** Every owner, in the order the reverse direction looks them up; do not change the array. */
    static final ReverseOnlyOwner[] ALL = values();

    private final String description;

    ReverseOnlyOwner(String description) {
        this.description = description;
    }

    /** How {@code mip:dataplane} names this owner's entries. */
    String description() {
        return description;
    }
}
