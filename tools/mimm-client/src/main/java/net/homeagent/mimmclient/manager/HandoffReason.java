package net.homeagent.mimmclient.manager;

/** Why the manager looks for another link (docs/mimm.md "Client: decision"). */
public enum HandoffReason {
    /** No link in use yet. */
    ATTACH(true),
    /** The link in use is down or inactive. */
    LINK_LOST(true),
    /** Reactive advice says leave the network of the link in use. */
    REACTIVE_ADVICE(true),
    /** The link in use fell below deteriorating. */
    DETERIORATING(false),
    /** A stable link ranks better than the one in use by more than the margin. */
    BETTER_LINK(false);

    private final boolean forced;

    HandoffReason(boolean forced) {
        this.forced = forced;
    }

    /**
     * The mobile must move: it takes any usable link if no target is there, and moves without
     * advice when nobody advises.
     */
    public boolean forced() {
        return forced;
    }
}
