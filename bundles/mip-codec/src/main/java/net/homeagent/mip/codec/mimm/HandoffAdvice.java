package net.homeagent.mip.codec.mimm;

import java.util.List;

/**
 * The advisor's answer to a {@link RequestHandoff}, carried in a Registration Reply as an NVSE
 * (docs/protocols.md, "MIMM handoff extensions").
 *
 * @param verdict       go, not now, or no
 * @param reason        why
 * @param holdSeconds   how long the advice holds (0..65535 s): the mobile does not ask again about
 *                      this target before then
 * @param targetNetwork the network the advice is about (0 = the request named none the advisor knows)
 * @param alternatives  networks with room, best first, at most {@link #MAX_ALTERNATIVES}
 * @param completed     the same exchange registered the move (merged mode): the binding is written
 */
public record HandoffAdvice(Verdict verdict, Reason reason, int holdSeconds, int targetNetwork,
        List<Integer> alternatives, boolean completed) {

    /** At most this many alternatives on the wire, so that the NVSE stays small. */
    public static final int MAX_ALTERNATIVES = 8;

    public HandoffAdvice {
        alternatives = List.copyOf(alternatives);
        if (holdSeconds < 0 || holdSeconds > 0xffff) {
            throw new IllegalArgumentException("hold time is 16 bits: " + holdSeconds);
        }
        if (targetNetwork != 0) {
            RequestHandoff.requireNetworkId(targetNetwork, "target network");
        }
        if (alternatives.size() > MAX_ALTERNATIVES) {
            throw new IllegalArgumentException("at most " + MAX_ALTERNATIVES + " alternatives: " + alternatives);
        }
        for (int i = 0; i < alternatives.size(); i++) { // by index: see HandoffAdviceCodec.encode
            RequestHandoff.requireNetworkId(alternatives.get(i), "alternative network");
        }
        if (completed && verdict != Verdict.GO) {
            throw new IllegalArgumentException("only a go completes the registration");
        }
    }

    /** The advice itself; one octet on the wire. */
    public enum Verdict implements WireCode {
        GO(0), NOT_NOW(1), NO(2);

        private final int code;

        Verdict(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** Why; one octet on the wire. */
    public enum Reason implements WireCode {
        /** Nothing stands in the way (with GO). */
        NONE(0),
        /** The target network is not one the advisor knows (by id, or the care-of address in no prefix). */
        TARGET_UNKNOWN(1),
        /** The target already carries as many mobiles as it is configured for. */
        TARGET_FULL_MOBILES(2),
        /** Its real-time sessions plus the newcomer's would pass its configured kbit/s. */
        TARGET_FULL_BANDWIDTH(3);

        private final int code;

        Reason(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }
}
