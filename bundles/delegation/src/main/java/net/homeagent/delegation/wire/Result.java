package net.homeagent.delegation.wire;

import java.util.Optional;

/**
 * The result octet of a Start or Stop Forwarding Ack (docs/protocols.md, "Delegation"). A refusal
 * changes nothing at the SHA.
 */
public enum Result {
    /** Start: the SHA forwards the home address now. Stop: it stopped. */
    ACCEPTED(0, "accepted", true, true),
    /** Start: the SHA holds as many entries as it is configured for. */
    CAPACITY(1, "capacity", true, false),
    /** Start: the SHA's data plane does not forward (off, or without privileges). */
    NO_ROUTE(2, "no-route", true, false),
    /** Start or Stop: the message was malformed or its fields out of range. */
    BAD_REQUEST(3, "bad-request", true, true),
    /** Start or Stop: the sender is not the SHA's configured PHA. */
    NOT_A_PHA(4, "not-a-pha", true, true),
    /** Stop: the SHA forwards nothing for that home address. */
    UNKNOWN_HOME(5, "unknown-home", false, true);

    private final int code;
    private final String text;
    private final boolean answersStart;
    private final boolean answersStop;

    Result(int code, String text, boolean answersStart, boolean answersStop) {
        this.code = code;
        this.text = text;
        this.answersStart = answersStart;
        this.answersStop = answersStop;
    }

    public int code() {
        return code;
    }

    /** Short name for counters and the shell. */
    public String text() {
        return text;
    }

    public boolean answersStart() {
        return answersStart;
    }

    public boolean answersStop() {
        return answersStop;
    }

    public static Optional<Result> ofCode(int code) {
        for (Result r : values()) {
            if (r.code == code) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
