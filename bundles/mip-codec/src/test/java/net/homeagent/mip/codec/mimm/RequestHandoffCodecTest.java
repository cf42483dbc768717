package net.homeagent.mip.codec.mimm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.OptionalInt;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RequestHandoffCodecTest {

    private static final RequestHandoff TO_NETWORK_7 =
            new RequestHandoff(OptionalInt.of(7), 3, -67, LinkType.WLAN, 2, 384);

    @Test
    void encodesTheDocumentedLayout() {
        assertThat(HexFormat.of().formatHex(RequestHandoffCodec.encode(TO_NETWORK_7)))
                .isEqualTo("01" + "00" + "0007" + "0003" + "bd" + "01" + "0002" + "00000180");
    }

    @Test
    void roundTripsATargetById() {
        assertThat(RequestHandoffCodec.decode(RequestHandoffCodec.encode(TO_NETWORK_7)))
                .isEqualTo(new Decoded.Valid<>(TO_NETWORK_7));
    }

    @Test
    void roundTripsATargetByCareOfAddressAndTheFieldLimits() {
        RequestHandoff byCareOf = new RequestHandoff(OptionalInt.empty(), 0xffff, -128, LinkType.SATELLITE, 0xffff,
                0xffff_ffffL);
        byte[] wire = RequestHandoffCodec.encode(byCareOf);
        assertThat(wire[1] & 0xff).isEqualTo(0x80);
        assertThat(RequestHandoffCodec.decode(wire)).isEqualTo(new Decoded.Valid<>(byCareOf));
    }

    static IntStream badLengths() {
        return IntStream.rangeClosed(0, 40).filter(n -> n != RequestHandoffCodec.LENGTH);
    }

    @ParameterizedTest
    @MethodSource("badLengths")
    void refusesEveryOtherLength(int length) {
        byte[] data = new byte[length];
        System.arraycopy(RequestHandoffCodec.encode(TO_NETWORK_7), 0, data, 0, Math.min(length, RequestHandoffCodec.LENGTH));
        assertThat(RequestHandoffCodec.decode(data)).isInstanceOfSatisfying(Decoded.Malformed.class,
                m -> assertThat(m.counterKey()).isEqualTo("Request Handoff length"));
    }

    @Test
    void refusesAnotherVersion() {
        assertMalformed(patched(0, 2), "Request Handoff version");
    }

    @Test
    void refusesATargetIdWithTheCareOfFlag() {
        assertMalformed(patched(1, 0x80), "Request Handoff target");
    }

    @Test
    void refusesNoTargetIdWithoutTheCareOfFlag() {
        byte[] data = RequestHandoffCodec.encode(TO_NETWORK_7);
        data[3] = 0;
        assertMalformed(data, "Request Handoff target");
    }

    @Test
    void refusesAnUnknownLinkType() {
        assertMalformed(patched(7, 5), "Request Handoff link type");
    }

    @Test
    void ignoresTheReservedFlagBits() {
        assertThat(RequestHandoffCodec.decode(patched(1, 0x7f))).isEqualTo(new Decoded.Valid<>(TO_NETWORK_7));
    }

    private static byte[] patched(int offset, int value) {
        byte[] data = RequestHandoffCodec.encode(TO_NETWORK_7);
        data[offset] = (byte) value;
        return data;
    }

    private static void assertMalformed(byte[] data, String counterKey) {
        assertThat(RequestHandoffCodec.decode(data)).isInstanceOfSatisfying(Decoded.Malformed.class, m -> {
            assertThat(m.counterKey()).isEqualTo(counterKey);
            assertThat(m.detail()).startsWith(counterKey + ": ");
        });
    }
}
