package net.homeagent.delegation.pha;

/**
 * An SHA as the PHA sees it (house rule 9: every change is logged at INFO with from -> to, counted
 * and published as ROLE_CHANGED {@code delegation-sha-<node id>}).
 *
 * <pre>
 * unknown --heartbeat--> up --silent heartbeatMisses intervals, or the link gave up--> failed
 * failed  --heartbeat--> up
 * </pre>
 */
public enum ShaState {
    /** Configured, not heard since the PHA started: gets no mobile. */
    UNKNOWN,
    /** Heartbeating: gets mobiles by policy. */
    UP,
    /** Silent or unreachable: its mobiles were taken back (or moved); gets none until heard again. */
    FAILED;

    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
