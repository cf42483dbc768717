package net.homeagent.hacn.wire;

/** A payload of service 2 that is not a whole, valid message of this version: dropped and counted. */
public final class MalformedHacnMessage extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedHacnMessage(String why) {
        super(why);
    }
}
