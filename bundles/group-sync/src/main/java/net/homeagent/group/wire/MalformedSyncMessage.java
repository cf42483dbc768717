package net.homeagent.group.wire;

/** A payload of the group binding sync that is not a whole, valid message: dropped and counted. */
public final class MalformedSyncMessage extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedSyncMessage(String what) {
        super("malformed group sync message: " + what);
    }
}
