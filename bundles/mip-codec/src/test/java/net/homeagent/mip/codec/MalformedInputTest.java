package net.homeagent.mip.codec;

import static net.homeagent.mip.codec.Fixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every class of malformed datagram and what the receiver is told to do with it: answer a request
 * whose fixed part was read with code 134 (RFC 5944 §3.4, §3.8.2.1), discard silently everything
 * else (no fixed part, unknown message type, unrecognized non-skippable extension per §1.9, any
 * bad reply).
 */
class MalformedInputTest {
    /** RFC 5944 §3.3 fixed part: flags T, lifetime 1800, 10.0.0.10, 192.0.2.1, 198.51.100.5, id. */
    private static final String REQUEST = "01 02 0708 0a00000a c0000201 c6336405 e8d0b8c2 00000001 ";
    /** RFC 5944 §3.4 fixed part. */
    private static final String REPLY = "03 00 0708 0a00000a c0000201 e8d0b8c2 00000001 ";
    private static final String MN_HA = "20 14 00000100 00112233445566778899aabbccddeeff ";

    private final MipCodec codec = MipCodec.standard();

    static Stream<Arguments> requestsAnsweredWith134() {
        return Stream.of(
                Arguments.of("extension header cut after the type octet (trailing garbage)", REQUEST + MN_HA + "83"),
                Arguments.of("long-format header cut short", REQUEST + "24 01 00"),
                Arguments.of("extension length overruns the datagram", REQUEST + "20 14 00000100 0011"),
                Arguments.of("skippable unknown extension overruns", REQUEST + "c8 05 0102"),
                Arguments.of("16-bit length overruns", REQUEST + "26 00 0100 00000009 0001"),
                Arguments.of("authentication extension without authenticator", REQUEST + "20 04 00000100"),
                Arguments.of("authentication extension shorter than its SPI", REQUEST + "20 02 0001"),
                Arguments.of("generalized authentication without authenticator", REQUEST + "24 01 0004 00000001"),
                Arguments.of("CVSE shorter than vendor id and type", REQUEST + "26 00 0004 00000009"),
                Arguments.of("NVSE shorter than reserved, vendor id and type", REQUEST + "86 06 0000 00000009"),
                Arguments.of("encapsulating delivery style with a body", REQUEST + "82 01 00"),
                Arguments.of("UDP tunnel request of length 5", REQUEST + "90 05 00 00 80 04 00"),
                Arguments.of("UDP tunnel request of length 7", REQUEST + "90 07 00 00 80 04 0000 00"),
                Arguments.of("UDP tunnel reply of length 4", REQUEST + "2c 04 00 00 8000"),
                Arguments.of("revocation support of length 2", REQUEST + "89 02 8000"),
                Arguments.of("empty NAI", REQUEST + "83 00"),
                Arguments.of("NAI with invalid UTF-8", REQUEST + "83 04 6dc32840"),
                Arguments.of("NAI with a truncated UTF-8 sequence", REQUEST + "83 02 6dc3"),
                Arguments.of("NAI with a NUL", REQUEST + "83 03 6d0040"),
                Arguments.of("NAI with DEL", REQUEST + "83 03 6d7f40"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestsAnsweredWith134")
    void malformedRequestIsAnsweredPoorlyFormedWithItsFixedPart(String what, String datagram) {
        MalformedMessageException error = decodeFailure(datagram);

        assertThat(error.isSilentDiscard()).as(error.getMessage()).isFalse();
        assertThat(error.replyCode()).isEqualTo(ReplyCode.POORLY_FORMED_REQUEST);
        RegistrationRequest header = error.header().orElseThrow();
        assertThat(header.flags()).isEqualTo(RegistrationFlags.T);
        assertThat(header.lifetime()).isEqualTo(1800);
        assertThat(header.homeAddress()).isEqualTo(Fixtures.HOME_ADDRESS);
        assertThat(header.homeAgent()).isEqualTo(Fixtures.HOME_AGENT);
        assertThat(header.careOfAddress()).isEqualTo(Fixtures.CARE_OF_ADDRESS);
        assertThat(header.identification()).isEqualTo(Fixtures.IDENTIFICATION);
        assertThat(header.extensions()).isEmpty();
        assertThat(error.getMessage()).isNotBlank();
    }

    static Stream<Arguments> datagramsDiscarded() {
        return Stream.of(
                Arguments.of("empty datagram", ""),
                Arguments.of("request shorter than its fixed part", REQUEST.substring(0, REQUEST.length() - 3)),
                Arguments.of("reply shorter than its fixed part", "03 00 0708"),
                Arguments.of("unknown message type 2", "02" + REQUEST.substring(2)),
                Arguments.of("registration revocation (type 7) has no codec", "07" + REQUEST.substring(2)),
                Arguments.of("unknown message type 255", "ff"),
                Arguments.of("unrecognized non-skippable extension 99 (RFC 5944 §1.9)", REQUEST + "63 02 0000" + MN_HA),
                Arguments.of("non-skippable extension 0 as trailing garbage", REQUEST + MN_HA + "00"),
                Arguments.of("unrecognized non-skippable type as the last octet", REQUEST + MN_HA + "7f"),
                Arguments.of("reply with an extension overrunning", REPLY + "20 14 00000100"),
                Arguments.of("reply with trailing garbage", REPLY + MN_HA + "86"),
                Arguments.of("reply with a wrong fixed length", REPLY + "2c 05 00 00 8000 00"),
                Arguments.of("reply with a bad NAI", REPLY + "83 01 00"),
                Arguments.of("reply with an unrecognized non-skippable extension", REPLY + "40 00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datagramsDiscarded")
    void datagramIsDiscardedSilently(String what, String datagram) {
        MalformedMessageException error = decodeFailure(datagram);

        assertThat(error.isSilentDiscard()).as(error.getMessage()).isTrue();
        assertThat(error.header()).isEmpty();
        assertThat(error.getMessage()).isNotBlank();
    }

    private MalformedMessageException decodeFailure(String datagram) {
        MalformedMessageException error = catchThrowableOfType(MalformedMessageException.class,
                () -> Fixtures.decode(codec, hex(datagram)));
        assertThat(error).as("decoding %s must fail", datagram).isNotNull();
        return error;
    }
}
