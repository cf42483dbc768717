package net.homeagent.mip.codec.mimm;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.homeagent.mip.codec.mimm.HandoffAdvice.Reason;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Verdict;

/**
 * The vendor data of a Handoff Advice NVSE, version 1: {@value #FIXED_LENGTH} octets and two per
 * alternative network (docs/protocols.md, "MIMM handoff extensions").
 *
 * <pre>
 *  0        1        2        3        4                 6                 8        9        10
 * +--------+--------+--------+--------+--------+--------+--------+--------+--------+--------+--------+--------+--
 * |version |verdict | reason |C| rsvd | hold time (s)   | target network  | N alts | rsvd   | alternative 1   | ...
 * +--------+--------+--------+--------+--------+--------+--------+--------+--------+--------+--------+--------+--
 * </pre>
 */
public final class HandoffAdviceCodec {

    public static final int FIXED_LENGTH = 10;
    /** Flag C: the registration this reply answers was completed (merged mode). */
    static final int COMPLETED = 0x80;

    private HandoffAdviceCodec() {
    }

    public static byte[] encode(HandoffAdvice advice) {
        ByteBuffer out = ByteBuffer.allocate(FIXED_LENGTH + 2 * advice.alternatives().size());
        out.put((byte) MimmVendor.VERSION);
        out.put((byte) advice.verdict().code());
        out.put((byte) advice.reason().code());
        out.put((byte) (advice.completed() ? COMPLETED : 0));
        out.putShort((short) advice.holdSeconds());
        out.putShort((short) advice.targetNetwork());
        out.put((byte) advice.alternatives().size());
        out.put((byte) 0);
        // by index, not Iterable.forEach (whose call of iterator() is shared by every Iterable of the
        // JVM and seldom inlined) nor an iterator: both showed in the advisor's CPU and allocation
        // profiles (docs/PERFORMANCE.md "MIMM")
        List<Integer> alternatives = advice.alternatives();
        for (int i = 0; i < alternatives.size(); i++) {
            out.putShort(alternatives.get(i).shortValue());
        }
        return out.array();
    }

    public static Decoded<HandoffAdvice> decode(byte[] data) {
        if (data.length < FIXED_LENGTH) {
            return Decoded.malformed("Handoff Advice length", data.length + " octets, at least " + FIXED_LENGTH);
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        int version = Byte.toUnsignedInt(in.get());
        if (version != MimmVendor.VERSION) {
            return Decoded.malformed("Handoff Advice version", "version " + version);
        }
        int verdictCode = Byte.toUnsignedInt(in.get());
        int reasonCode = Byte.toUnsignedInt(in.get());
        boolean completed = (in.get() & COMPLETED) != 0;
        int hold = Short.toUnsignedInt(in.getShort());
        int target = Short.toUnsignedInt(in.getShort());
        int count = Byte.toUnsignedInt(in.get());
        in.get();
        if (count > HandoffAdvice.MAX_ALTERNATIVES) {
            return Decoded.malformed("Handoff Advice alternatives", count + " alternatives, at most "
                    + HandoffAdvice.MAX_ALTERNATIVES);
        }
        if (data.length != FIXED_LENGTH + 2 * count) {
            return Decoded.malformed("Handoff Advice length", data.length + " octets for " + count
                    + " alternatives, expected " + (FIXED_LENGTH + 2 * count));
        }
        Optional<Verdict> verdict = WireCode.of(Verdict.class, verdictCode);
        Optional<Reason> reason = WireCode.of(Reason.class, reasonCode);
        if (verdict.isEmpty() || reason.isEmpty()) {
            return Decoded.malformed("Handoff Advice code", "verdict " + verdictCode + ", reason " + reasonCode);
        }
        if (completed && verdict.get() != Verdict.GO) {
            return Decoded.malformed("Handoff Advice completed flag", "completed with verdict " + verdict.get());
        }
        List<Integer> alternatives = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int id = Short.toUnsignedInt(in.getShort());
            if (id == 0) {
                return Decoded.malformed("Handoff Advice alternatives", "alternative " + (i + 1) + " is network 0");
            }
            alternatives.add(id);
        }
        return new Decoded.Valid<>(new HandoffAdvice(verdict.get(), reason.get(), hold, target, alternatives,
                completed));
    }
}
