package net.homeagent.mimmclient.manager;

/** The states of one link (docs/mimm.md "Client: link states"). */
public enum LinkState {
    /** No carrier or administratively down. */
    DOWN,
    /** Up, but its signal is below the inactive threshold, or has not come back to available since. */
    INACTIVE,
    /** Usable, below active: only a forced move (the link in use is lost) goes there. */
    AVAILABLE,
    /** At or above active: a handoff target. */
    ACTIVE,
    /** At or above stable: worth leaving a working link for, if it ranks better. */
    STABLE,
    /** Fell below deteriorating: failing; not a target until it is back at active. */
    DETERIORATING;

    /** A target for a handoff that is not forced. */
    boolean target() {
        return this == ACTIVE || this == STABLE;
    }

    /** Can carry traffic at all: a target of last resort when the link in use is lost. */
    boolean usable() {
        return this != DOWN && this != INACTIVE;
    }
}
