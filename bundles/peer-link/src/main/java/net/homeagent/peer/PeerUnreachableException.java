package net.homeagent.peer;

/** A reliable send that was not acknowledged within the link's give-up bound. */
public class PeerUnreachableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final PeerNode peer;
    private final int attempts;

    public PeerUnreachableException(PeerNode peer, int attempts) {
        super("no acknowledgement from node " + peer.nodeId() + " at " + peer.address() + " after " + attempts
                + " transmissions");
        this.peer = peer;
        this.attempts = attempts;
    }

    public PeerNode peer() {
        return peer;
    }

    public int attempts() {
        return attempts;
    }
}
