package net.homeagent.hacn.control;

/**
 * An HA as the control node sees it (docs/hacn.md, "States of an HA"; the hot-standby design's
 * HA table). Every change is logged at INFO, counted and published as a ROLE_CHANGED event.
 */
public enum AgentState {
    /** Configured, never heard since the HACN started: gets no registration. */
    UNKNOWN,
    /** Heartbeating; gets the registrations of the home addresses it holds and those the policy gives it. */
    ACTIVE,
    /** Its heartbeats stopped; polled before it is declared failed; still gets its registrations. */
    SUSPECT,
    /** A redundant HA heartbeating and holding nothing it serves; chosen by priority on a failure. */
    STANDING_BY,
    /** A redundant HA receiving a failed HA's bindings; then activated, it becomes ACTIVE. */
    RECEIVING,
    /**
     * An active HA the operator switches over ({@code hacn:failover}): gets no registration (the
     * mobile nodes retransmit) while its MBR goes to a redundant HA; then it is told to stand by.
     */
    SWITCHING_OVER,
    /**
     * Detected failed (heartbeats, polls, its own interrupt, an unacknowledged download): gets no
     * registration; its home addresses go to the redundant HA that took them over.
     */
    FAILED,
    /**
     * A failed or switched-over HA told to clear its table and stand by (docs/hacn.md, "Rejoin"):
     * gets nothing until its heartbeat says standing by with no binding.
     */
    REJOINING;

    /** The name in logs, events and the shell. */
    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
