package net.homeagent.delegation.sha;

/** What the SHA counts ({@code delegation:status}). */
public enum ShaCount {
    /** A Start for a home address it did not forward: installed. */
    STARTED,
    /** A Start naming a new care-of address or tunnel: the tunnel moved. */
    UPDATED,
    /** A Start that only extended the duration. */
    RENEWED,
    /** A Stop: the home address's tunnel removed. */
    STOPPED,
    /** An entry whose duration ran out without a Stop: removed by the SHA itself. */
    EXPIRED,
    /**
     * Entries dropped because their PHA restarted (its link's new epoch) and did not tell them again
     * within phaRestartGraceMillis.
     */
    DROPPED_PHA_RESTART,
    /** Entries of a restarted PHA's earlier life it told again: kept, installed and announced again. */
    RETOLD_AFTER_PHA_RESTART,
    REFUSED_CAPACITY,
    REFUSED_NO_ROUTE,
    REFUSED_BAD_REQUEST,
    REFUSED_NOT_A_PHA,
    /** A Stop for a home address it does not forward (refused, unknown-home). */
    STOP_UNKNOWN_HOME,
    /** A payload not even a header could be read from, or an answer type an SHA never receives. */
    DROPPED_MALFORMED,
    /** A data plane call that threw: the entry is not kept, the Start refused no-route. */
    DATA_PLANE_FAILURES,
    /** Batches of Starts and Stops taken (each element is counted as alone, above); answered with one batch. */
    BATCHES_RECEIVED,
    HEARTBEATS_SENT,
    HEARTBEATS_RECEIVED,
    LOAD_REPORTS_SENT,
    /** An acknowledgement or heartbeat the link gave up on. */
    SENDS_GIVEN_UP;

    /** The counter's name in the shell: lower case, dashes. */
    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
