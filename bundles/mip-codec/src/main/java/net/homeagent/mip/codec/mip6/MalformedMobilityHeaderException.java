package net.homeagent.mip.codec.mip6;

/**
 * A Mobility Header, Home Address option or type 2 routing header that is not well formed, with
 * what RFC 6275 tells the receiver to do about it ({@link #answer()}). The codec only decides;
 * the role that received the packet sends the ICMP message or Binding Error.
 */
public final class MalformedMobilityHeaderException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What the receiver does with the packet, RFC 6275 §9.2 (and RFC 2460 §4 for the extension headers). */
    public enum Answer {
        /** Drop it without a word: bad checksum, lengths the data contradict, a malformed option. */
        DISCARD,
        /** Drop it and send ICMPv6 Parameter Problem, code 0, pointing at {@link #pointer()}. */
        PARAMETER_PROBLEM,
        /**
         * Drop it and send ICMPv6 Parameter Problem, code 2 (unrecognized IPv6 option), pointing at
         * {@link #pointer()}: an option whose two high type bits are 10, or 11 when the packet's
         * destination was not multicast (RFC 2460 §4.2).
         */
        UNRECOGNIZED_OPTION,
        /** Drop it and send a Binding Error with status 2, unrecognized MH Type (§9.2, §9.3.3). */
        BINDING_ERROR_UNRECOGNIZED_MH_TYPE
    }

    private final Answer answer;
    private final int pointer;

    private MalformedMobilityHeaderException(String message, Answer answer, int pointer) {
        super(message, null, false, false);
        this.answer = answer;
        this.pointer = pointer;
    }

    static MalformedMobilityHeaderException discard(String reason) {
        return new MalformedMobilityHeaderException(reason, Answer.DISCARD, -1);
    }

    /** {@code pointer}: offset of the offending field from the start of the header decoded. */
    static MalformedMobilityHeaderException parameterProblem(String reason, int pointer) {
        return new MalformedMobilityHeaderException(reason, Answer.PARAMETER_PROBLEM, pointer);
    }

    static MalformedMobilityHeaderException unrecognizedOption(String reason, int pointer) {
        return new MalformedMobilityHeaderException(reason, Answer.UNRECOGNIZED_OPTION, pointer);
    }

    static MalformedMobilityHeaderException unrecognizedMhType(int mhType) {
        return new MalformedMobilityHeaderException("unrecognized MH Type " + mhType + " (RFC 6275 §9.2)",
                Answer.BINDING_ERROR_UNRECOGNIZED_MH_TYPE, 2);
    }

    public Answer answer() {
        return answer;
    }

    /**
     * For {@link Answer#PARAMETER_PROBLEM} and {@link Answer#UNRECOGNIZED_OPTION}: the offset of
     * the offending field from the start of the header that was decoded (the sender of the ICMP
     * message adds the header's own offset in the packet); -1 otherwise.
     */
    public int pointer() {
        return pointer;
    }
}
