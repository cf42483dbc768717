package net.homeagent.mip.api;

/**
 * Where a change of the binding table came from, told with every {@link BindingEvent} so that a
 * listener can tell its own work from others': a listener that replicates changes to peers must
 * not send a peer's change back to it, and a data plane programs a restored table as it programs
 * new registrations.
 */
public enum ChangeOrigin {
    /** Made on this node: a registration, a deregistration, an expiry, an operator's clear. */
    LOCAL,
    /** Read back from this node's own durable backup at start. */
    RESTORED,
    /** Loaded from a snapshot file by an operator (migration). */
    IMPORTED,
    /** Received from a peer of a redundancy group that made it. */
    REPLICATED,
    /** Loaded from a snapshot another node sent (a control node's download, a joining member's learn state). */
    DOWNLOADED
}
