package net.homeagent.delegation.pha;

/** What the PHA counts ({@code delegation:status}). */
public enum PhaCount {
    STARTS_SENT,
    /** A Start that had to wait in its SHA's queue: its window of Starts in flight was full. */
    STARTS_QUEUED,
    /**
     * A queued Start replaced by a newer one of the same mobile (renewal, new care-of address), or
     * dropped because the binding ended or the delegation was given up before it was sent: no stale
     * Start leaves, and a Start never sent needs no Stop.
     */
    STARTS_COALESCED,
    /** Batches of Starts sent (startsPerMessage Starts in one peer-link message; each Start counted in starts-sent too). */
    BATCHES_SENT,
    /** Batches of acks received from the SHAs (each ack counted as alone too). */
    BATCHES_RECEIVED,
    /** A binding change folded into a newer one of the same home address before the PHA's thread looked at it. */
    CHANGES_FOLDED,
    STARTS_ACCEPTED,
    REFUSED_CAPACITY,
    REFUSED_NO_ROUTE,
    REFUSED_BAD_REQUEST,
    REFUSED_NOT_A_PHA,
    /** A Start not answered within ackTimeoutMillis: the PHA keeps the mobile. */
    START_TIMEOUTS,
    /** An acceptance that came after its Start had timed out or been replaced: the SHA told to stop. */
    LATE_ACCEPTANCES_STOPPED,
    /**
     * After Starts timed out, the mobiles kept at the PHA offered to the policy again (once the ack
     * timeout has passed, doubled for each such offer until a Start is accepted).
     */
    KEPT_OFFERED_AGAIN,
    STOPS_SENT,
    STOPS_ACKED,
    /** A Stop the SHA answered unknown-home (it had dropped the entry already). */
    STOPS_UNKNOWN_AT_SHA,
    /** Mobiles the PHA forwards again after their SHA failed, refused or was moved away from. */
    TAKEN_BACK,
    /** Mobiles moved to another SHA after theirs failed, or by delegation:move. */
    MOVED,
    /** A home address with simultaneous bindings (S flag): kept at the PHA. */
    KEPT_SIMULTANEOUS,
    SHA_FAILURES,
    /** Changes of an SHA's state (unknown, up, failed). */
    SHA_TRANSITIONS,
    /** An SHA that restarted or whose heartbeat disagreed with what it was told: told its entries again. */
    SHA_RESYNCS,
    /** Delegations taken from the checkpoint at start, and those it named that the PHA kept instead. */
    CHECKPOINT_RESTORED,
    CHECKPOINT_SKIPPED,
    /** Ticks that came more than a heartbeat interval after the last: the PHA itself was paused. */
    PAUSES,
    HEARTBEATS_SENT,
    HEARTBEATS_RECEIVED,
    LOAD_REPORTS_RECEIVED,
    /** A Load Report not newer than the last one taken (the link delivered it late): ignored. */
    LOAD_REPORTS_OUT_OF_ORDER,
    /** Mobiles a load policy moved (packet-threshold, even-load). */
    POLICY_MOVES,
    /** Moves a policy asked for beyond maxMovesPerInterval: not made (asked again next interval if still due). */
    MOVES_OVER_BUDGET,
    /** A service 3 payload from a node that is not a configured SHA, or an unexpected or malformed one. */
    DROPPED;

    /** The counter's name in the shell: lower case, dashes. */
    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
