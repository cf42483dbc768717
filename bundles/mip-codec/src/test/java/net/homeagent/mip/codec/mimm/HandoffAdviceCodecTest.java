package net.homeagent.mip.codec.mimm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import net.homeagent.mip.codec.mimm.HandoffAdvice.Reason;
import net.homeagent.mip.codec.mimm.HandoffAdvice.Verdict;

class HandoffAdviceCodecTest {

    private static final HandoffAdvice NOT_NOW =
            new HandoffAdvice(Verdict.NOT_NOW, Reason.TARGET_FULL_BANDWIDTH, 30, 2, List.of(4, 1), false);

    @Test
    void encodesTheDocumentedLayout() {
        assertThat(HexFormat.of().formatHex(HandoffAdviceCodec.encode(NOT_NOW)))
                .isEqualTo("01" + "01" + "03" + "00" + "001e" + "0002" + "02" + "00" + "0004" + "0001");
    }

    @Test
    void roundTripsACompletedGoWithoutAlternatives() {
        HandoffAdvice go = new HandoffAdvice(Verdict.GO, Reason.NONE, 0xffff, 7, List.of(), true);
        byte[] wire = HandoffAdviceCodec.encode(go);
        assertThat(wire).hasSize(HandoffAdviceCodec.FIXED_LENGTH);
        assertThat(wire[3] & 0xff).isEqualTo(0x80);
        assertThat(HandoffAdviceCodec.decode(wire)).isEqualTo(new Decoded.Valid<>(go));
    }

    @Test
    void roundTripsTheMostAlternatives() {
        HandoffAdvice no = new HandoffAdvice(Verdict.NO, Reason.TARGET_UNKNOWN, 600, 0,
                List.of(1, 2, 3, 4, 5, 6, 7, 0xffff), false);
        assertThat(HandoffAdviceCodec.decode(HandoffAdviceCodec.encode(no))).isEqualTo(new Decoded.Valid<>(no));
    }

    static IntStream shortLengths() {
        return IntStream.range(0, HandoffAdviceCodec.FIXED_LENGTH);
    }

    @ParameterizedTest
    @MethodSource("shortLengths")
    void refusesLessThanTheFixedPart(int length) {
        byte[] data = new byte[length];
        System.arraycopy(HandoffAdviceCodec.encode(NOT_NOW), 0, data, 0, length);
        assertMalformed(data, "Handoff Advice length");
    }

    @ParameterizedTest
    @MethodSource("countMismatches")
    void refusesALengthThatIsNotTheAlternativesCount(int extraOctets) {
        byte[] encoded = HandoffAdviceCodec.encode(NOT_NOW);
        byte[] data = new byte[encoded.length + extraOctets];
        System.arraycopy(encoded, 0, data, 0, Math.min(encoded.length, data.length));
        assertMalformed(data, "Handoff Advice length");
    }

    static IntStream countMismatches() {
        return IntStream.of(-4, -3, -2, -1, 1, 2, 3);
    }

    @Test
    void refusesMoreThanEightAlternatives() {
        byte[] data = new byte[HandoffAdviceCodec.FIXED_LENGTH + 18];
        data[0] = 1;
        data[1] = 1;
        data[2] = 2;
        data[8] = 9;
        assertMalformed(data, "Handoff Advice alternatives");
    }

    @Test
    void refusesNetworkZeroAsAnAlternative() {
        byte[] data = HandoffAdviceCodec.encode(NOT_NOW);
        data[10] = 0;
        data[11] = 0;
        assertMalformed(data, "Handoff Advice alternatives");
    }

    @Test
    void refusesAnotherVersionAndUnknownCodes() {
        assertMalformed(patched(0, 0), "Handoff Advice version");
        assertMalformed(patched(1, 3), "Handoff Advice code");
        assertMalformed(patched(2, 4), "Handoff Advice code");
    }

    @Test
    void refusesACompletedAdviceThatIsNotAGo() {
        assertMalformed(patched(3, 0x80), "Handoff Advice completed flag");
        assertThatThrownBy(() -> new HandoffAdvice(Verdict.NO, Reason.TARGET_UNKNOWN, 1, 0, List.of(), true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] patched(int offset, int value) {
        byte[] data = HandoffAdviceCodec.encode(NOT_NOW);
        data[offset] = (byte) value;
        return data;
    }

    private static void assertMalformed(byte[] data, String counterKey) {
        assertThat(HandoffAdviceCodec.decode(data)).isInstanceOfSatisfying(Decoded.Malformed.class,
                m -> assertThat(m.counterKey()).isEqualTo(counterKey));
    }
}
