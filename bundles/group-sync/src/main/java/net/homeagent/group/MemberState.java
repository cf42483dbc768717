package net.homeagent.group;

/**
 * A redundancy group member's states (docs/redundancy.md, "Member states"; issue 11). Only an
 * {@link #ACTIVE} member answers registrations; only {@link #STANDBY} and {@link #ACTIVE} may hold
 * the virtual address, which keepalived learns from the track file ({@link KeepalivedTrackFile}).
 */
public enum MemberState {
    /** Started, not yet asking the group: takes no address, answers nothing. */
    INIT(1),
    /** Learn state: asking the group for its binding table; the track file keeps keepalived in FAULT. */
    LEARN(2),
    /** Learned; receives every change and may take the address when keepalived elects it (VRRP Backup). */
    STANDBY(3),
    /** keepalived made it VRRP Master of the instance: answers registrations and replicates them. */
    ACTIVE(4),
    /** Learned and receives every change, but never takes the address (an observer, a spare). */
    PASSIVE(5);

    private final int code;

    MemberState(int code) {
        this.code = code;
    }

    /** The state's number on the wire (docs/protocols.md, "Group binding sync"). */
    public int code() {
        return code;
    }

    /** Whether this member may hold the virtual address: it has learned and may serve. */
    public boolean mayTakeAddress() {
        return this == STANDBY || this == ACTIVE;
    }

    /** Whether this member has learned the table (a learn request may be answered from it). */
    public boolean learned() {
        return this == STANDBY || this == ACTIVE || this == PASSIVE;
    }

    public static MemberState ofCode(int code) {
        for (MemberState state : values()) {
            if (state.code == code) {
                return state;
            }
        }
        throw new IllegalArgumentException("no member state " + code);
    }

    /** Lower case, as the shell, the logs and the appliance events show it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
