package net.homeagent.hacn.control;

/** An operator's order the control node cannot carry out; the message says why, for the shell. */
public final class OperatorRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OperatorRefusal(String message) {
        super(message, null, false, false);
    }
}
