package net.homeagent.mip.codec.mip6;

import static net.homeagent.mip.codec.mip6.Mip6Fixtures.ALTERNATE;
import static net.homeagent.mip.codec.mip6.Mip6Fixtures.CARE_OF;
import static net.homeagent.mip.codec.mip6.Mip6Fixtures.CODEC;
import static net.homeagent.mip.codec.mip6.Mip6Fixtures.CORRESPONDENT;
import static net.homeagent.mip.codec.mip6.Mip6Fixtures.HOME;
import static net.homeagent.mip.codec.mip6.Mip6Fixtures.HOME_AGENT;
import static net.homeagent.mip.codec.mip6.Mip6Fixtures.UNSPECIFIED;
import static net.homeagent.mip.codec.mip6.Mip6Fixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import net.homeagent.mip.codec.mip6.MalformedMobilityHeaderException.Answer;

/** Round trips of every message and option, alignment byte by byte, and the §9.2 answers. */
class MobilityHeaderCodecTest {
    private static final byte[] AUTHENTICATOR = hex("00112233445566778899aabb");

    static Stream<MobilityMessage> everyMessageWithEveryOption() {
        List<MobilityOption> all = List.of(new BindingRefreshAdvice(75), new AlternateCareOfAddress(ALTERNATE),
                new NonceIndices(3, 65535), new UnknownMobilityOption(200, hex("aabbcc")),
                new BindingAuthorizationData(AUTHENTICATOR));
        return Stream.of(
                new BindingRefreshRequest(List.of()),
                new BindingRefreshRequest(all),
                new HomeTestInit(0x0123456789abcdefL, List.of()),
                new HomeTestInit(-1L, all),
                new CareOfTestInit(0xfedcba9876543210L, all),
                new HomeTest(65535, 1L, 0x8000000000000000L, all),
                new CareOfTest(0, -2L, 42L, all),
                new BindingUpdate(0, true, true, true, true, true, 65535, all),
                new BindingUpdate(65535, false, false, false, false, false, 0, List.of()),
                new BindingUpdate(7, false, false, false, false, true, 150,
                        List.of(new AlternateCareOfAddress(CARE_OF))),
                new BindingAcknowledgement(0, true, 4711, 900, List.of(new BindingRefreshAdvice(600))),
                new BindingAcknowledgement(255, false, 1, 1, all),
                new BindingError(BindingError.UNRECOGNIZED_MH_TYPE, HOME, List.of()),
                new BindingError(BindingError.UNKNOWN_BINDING_FOR_HOME_ADDRESS, UNSPECIFIED, all));
    }

    @ParameterizedTest
    @MethodSource("everyMessageWithEveryOption")
    void roundTripKeepsEveryFieldAndEveryOptionAligned(MobilityMessage message) throws Exception {
        byte[] mh = Mip6Fixtures.encode(message, CARE_OF, HOME_AGENT);

        assertThat(mh.length % 8).isZero();
        assertThat(mh[0]).isEqualTo((byte) 59);
        assertThat((mh[1] & 0xff) + 1).isEqualTo(mh.length / 8);
        assertThat(mh[2]).isEqualTo((byte) message.mhType());
        assertThat(((mh[4] & 0xff) << 8) | (mh[5] & 0xff))
                .isEqualTo(Mip6Fixtures.referenceChecksum(CARE_OF, HOME_AGENT, mh));
        MobilityMessage decoded = Mip6Fixtures.decode(mh, CARE_OF, HOME_AGENT);
        assertThat(decoded.getClass()).isEqualTo(message.getClass());
        assertThat(withoutPadding(decoded.options())).isEqualTo(message.options());
        assertThat(Mip6Fixtures.encode(decoded, CARE_OF, HOME_AGENT)).as("a decoded message encodes to its octets")
                .isEqualTo(mh);
        assertAligned(mh, decoded);
    }

    /** Walks the options of the wire form and checks each one's xn+y (§6.2.4-§6.2.7). */
    private static void assertAligned(byte[] mh, MobilityMessage decoded) {
        int at = mh.length - decoded.options().stream().mapToInt(MobilityHeaderCodecTest::wireLength).sum();
        for (MobilityOption option : decoded.options()) {
            if (option instanceof AlternateCareOfAddress) {
                assertThat(at % 8).as("Alternate CoA at 8n+6").isEqualTo(6);
            } else if (option instanceof BindingAuthorizationData) {
                assertThat(at % 8).as("Binding Authorization Data at 8n+2").isEqualTo(2);
            } else if (option instanceof BindingRefreshAdvice || option instanceof NonceIndices) {
                assertThat(at % 2).as(option + " at 2n").isZero();
            }
            at += wireLength(option);
        }
    }

    private static int wireLength(MobilityOption option) {
        if (option instanceof Pad1) {
            return 1;
        }
        if (option instanceof PadN p) {
            return 2 + p.dataLength();
        }
        if (option instanceof BindingRefreshAdvice) {
            return 4;
        }
        if (option instanceof AlternateCareOfAddress) {
            return 18;
        }
        if (option instanceof NonceIndices) {
            return 6;
        }
        if (option instanceof BindingAuthorizationData b) {
            return 2 + b.authenticator().length;
        }
        return 2 + ((UnknownMobilityOption) option).data().length;
    }

    private static List<MobilityOption> withoutPadding(List<MobilityOption> options) {
        List<MobilityOption> kept = new ArrayList<>();
        for (MobilityOption option : options) {
            if (!(option instanceof Pad1) && !(option instanceof PadN)) {
                kept.add(option);
            }
        }
        return kept;
    }

    /** The octets with the Checksum field as zero, to compare with hand-laid-out figures. */
    private static String withoutChecksum(byte[] mh) {
        byte[] copy = mh.clone();
        copy[4] = 0;
        copy[5] = 0;
        return HexFormat.of().formatHex(copy);
    }

    private static String figure(String text) {
        return text.replaceAll("[\\s|]", "");
    }

    @Test
    void alternateCareOfAddressInABindingErrorGetsPadNOfFourToReach8nPlus6() {
        byte[] mh = Mip6Fixtures.encode(new BindingError(1, HOME, List.of(new AlternateCareOfAddress(ALTERNATE))),
                HOME_AGENT, CARE_OF);
        assertThat(withoutChecksum(mh)).isEqualTo(figure("3b | 05 | 07 | 00 | 0000 | 01 | 00"
                + "| 20010db8000100000000000000000010"
                + "| 01 04 00000000 | 03 10 20010db8000300000000000000000030"));
    }

    @Test
    void bindingAuthorizationDataInAHomeTestGetsPadNOfTwoToReach8nPlus2() {
        byte[] mh = Mip6Fixtures.encode(new HomeTest(1, 2, 3, List.of(new BindingAuthorizationData(AUTHENTICATOR))),
                CORRESPONDENT, HOME);
        assertThat(withoutChecksum(mh)).isEqualTo(figure("3b | 04 | 03 | 00 | 0000 | 0001 | 0000000000000002"
                + "| 0000000000000003 | 01 00 | 05 0c 00112233445566778899aabb"));
    }

    @Test
    void pad1FillsASingleOctetBeforeA2nOptionAndPadNFillsTheEnd() {
        byte[] mh = Mip6Fixtures.encode(new BindingAcknowledgement(0, false, 1, 2,
                List.of(new UnknownMobilityOption(200, hex("aa")), new NonceIndices(1, 2))), HOME_AGENT, HOME);
        assertThat(withoutChecksum(mh)).isEqualTo(figure("3b | 02 | 06 | 00 | 0000 | 00 | 00 | 0001 | 0002"
                + "| c8 01 aa | 00 | 04 04 0001 0002 | 01 00"));
    }

    @Test
    void bindingRefreshRequestWithoutOptionsIsEightOctets() {
        assertThat(withoutChecksum(Mip6Fixtures.encode(new BindingRefreshRequest(List.of()), HOME_AGENT, HOME)))
                .isEqualTo("3b00000000000000");
    }

    @Test
    void bindingUpdateFlagsSitInTheirRfcBitsAndTheMFlagIsRfc5380s() {
        byte[] mh = Mip6Fixtures.encode(new BindingUpdate(0x1234, true, false, false, false, true, 0x0102, List.of()),
                CARE_OF, HOME_AGENT);
        assertThat(withoutChecksum(mh)).isEqualTo(figure("3b | 01 | 05 | 00 | 0000 | 1234 | 8800 | 0102 | 01 02 0000"));
    }

    @Test
    void reservedBitsAreIgnoredOnReceipt() throws Exception {
        // BU with NEMO's R and PMIPv6's P bits and the reserved octet of the header set
        byte[] mh = withChecksum(hex("3b | 01 | 05 | ff | 0000 | 0001 | 0600 | 0001 | 01 02 0000"), CARE_OF,
                HOME_AGENT);
        BindingUpdate update = (BindingUpdate) Mip6Fixtures.decode(mh, CARE_OF, HOME_AGENT);
        assertThat(update).isEqualTo(new BindingUpdate(1, false, false, false, false, false, 1, List.of(new PadN(2))));
    }

    @Test
    void decodeConsumesTheWholeBuffer() throws Exception {
        ByteBuf buf = Unpooled.wrappedBuffer(
                Mip6Fixtures.encode(new BindingRefreshRequest(List.of()), HOME_AGENT, HOME));
        CODEC.decode(buf, HOME_AGENT, HOME);
        assertThat(buf.readableBytes()).isZero();
        ByteBuf bad = Unpooled.wrappedBuffer(hex("3b0000"));
        assertThatThrownBy(() -> CODEC.decode(bad, HOME_AGENT, HOME))
                .isInstanceOf(MalformedMobilityHeaderException.class);
        assertThat(bad.readableBytes()).isZero();
    }

    // --- RFC 6275 §9.2: what the receiver does with a malformed Mobility Header

    @Test
    void aBadChecksumIsDiscardedSilently() {
        byte[] mh = Mip6Fixtures.encode(new BindingRefreshRequest(List.of()), HOME_AGENT, HOME);
        assertAnswer(mh, HOME_AGENT, CARE_OF, Answer.DISCARD, -1);
        mh[7] ^= 1;
        assertAnswer(mh, HOME_AGENT, HOME, Answer.DISCARD, -1);
    }

    @Test
    void anUnknownMhTypeIsAnsweredWithBindingErrorStatus2() {
        byte[] mh = withChecksum(hex("3b | 00 | 08 | 00 | 0000 | 0000"), CARE_OF, HOME_AGENT);
        assertAnswer(mh, CARE_OF, HOME_AGENT, Answer.BINDING_ERROR_UNRECOGNIZED_MH_TYPE, 2);
    }

    @Test
    void aPayloadProtoOtherThan59IsAParameterProblemAtOctet0() {
        byte[] mh = withChecksum(hex("06 | 00 | 00 | 00 | 0000 | 0000"), HOME_AGENT, HOME);
        assertAnswer(mh, HOME_AGENT, HOME, Answer.PARAMETER_PROBLEM, 0);
    }

    @Test
    void aHeaderLenTooShortForTheMhTypeIsAParameterProblemAtOctet1() {
        // a Home Test needs 24 octets; Header Len 1 gives 16
        byte[] mh = withChecksum(hex("3b | 01 | 03 | 00 | 0000 | 0001 | 0000000000000002"), CORRESPONDENT, HOME);
        assertAnswer(mh, CORRESPONDENT, HOME, Answer.PARAMETER_PROBLEM, 1);
    }

    @Test
    void aHeaderLenTheDataContradictsIsDiscarded() {
        byte[] longer = withChecksum(hex("3b | 00 | 00 | 00 | 0000 | 0000 | 0000000000000000"), HOME_AGENT, HOME);
        assertAnswer(longer, HOME_AGENT, HOME, Answer.DISCARD, -1);
        byte[] truncated = withChecksum(hex("3b | 02 | 00 | 00 | 0000 | 0000 | 0000000000000000"), HOME_AGENT, HOME);
        assertAnswer(truncated, HOME_AGENT, HOME, Answer.DISCARD, -1);
        assertAnswer(hex("3b000000"), HOME_AGENT, HOME, Answer.DISCARD, -1);
        assertAnswer(new byte[0], HOME_AGENT, HOME, Answer.DISCARD, -1);
    }

    @Test
    void anOptionRunningPastTheEndIsDiscarded() {
        byte[] mh = withChecksum(hex("3b | 01 | 00 | 00 | 0000 | 0000 | c8 07 00000000 00 00"), HOME_AGENT, HOME);
        assertAnswer(mh, HOME_AGENT, HOME, Answer.DISCARD, -1);
        byte[] noLength = withChecksum(hex("3b | 01 | 00 | 00 | 0000 | 0000 | 00000000 000000 c8"), HOME_AGENT, HOME);
        assertAnswer(noLength, HOME_AGENT, HOME, Answer.DISCARD, -1);
    }

    @Test
    void aKnownOptionWithTheWrongLengthIsDiscarded() {
        byte[] advice = withChecksum(hex("3b | 01 | 00 | 00 | 0000 | 0000 | 02 03 000000 | 00 00"), HOME_AGENT, HOME);
        assertAnswer(advice, HOME_AGENT, HOME, Answer.DISCARD, -1);
        byte[] nonces = withChecksum(hex("3b | 01 | 00 | 00 | 0000 | 0000 | 04 02 0000 | 01 00"), HOME_AGENT, HOME);
        assertAnswer(nonces, HOME_AGENT, HOME, Answer.DISCARD, -1);
        byte[] alternate = withChecksum(hex("3b | 02 | 00 | 00 | 0000 | 0000 | 03 0e" + "00".repeat(14)), HOME_AGENT,
                HOME);
        assertAnswer(alternate, HOME_AGENT, HOME, Answer.DISCARD, -1);
    }

    @Test
    void anOptionOffItsAlignmentIsDiscarded() {
        // Binding Refresh Advice at 13 (2n), Alternate CoA at 12 (8n+6), Binding Authorization Data
        // of 2 octets at 12 (8n+2): the last was Jazzer's first finding, which the encoder could not write back
        byte[] advice = withChecksum(hex("3b | 01 | 06 | 00 | 0000 | 00 00 0001 0001 | 00 | 02 02 0001"), HOME_AGENT,
                HOME);
        assertAnswer(advice, HOME_AGENT, HOME, Answer.DISCARD, -1);
        byte[] alternate = withChecksum(hex("3b | 03 | 05 | 00 | 0000 | 0001 8000 0001 | 03 10"
                + "20010db8000300000000000000000030 | 01 00"), CARE_OF, HOME_AGENT);
        assertAnswer(alternate, CARE_OF, HOME_AGENT, Answer.DISCARD, -1);
        byte[] authorization = withChecksum(hex("3b | 01 | 06 | 00 | 0000 | 00 00 0001 0001 | 05 02 0000"), HOME_AGENT,
                HOME);
        assertAnswer(authorization, HOME_AGENT, HOME, Answer.DISCARD, -1);
    }

    @Test
    void bindingAuthorizationDataThatIsNotTheLastOptionIsDiscarded() {
        byte[] mh = withChecksum(hex("3b | 02 | 00 | 00 | 0000 | 0000 | 05 0c 00112233445566778899aabb | 01 00"),
                HOME_AGENT, HOME);
        assertAnswer(mh, HOME_AGENT, HOME, Answer.DISCARD, -1);
    }

    // --- encoder refusals: local bugs, nothing written

    @Test
    void aMessageLongerThan2048OctetsIsRefusedAndNothingIsWritten() {
        List<MobilityOption> options = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            options.add(new UnknownMobilityOption(200, new byte[255]));
        }
        ByteBuf out = Unpooled.buffer();
        out.writeByte(0xee);
        assertThatThrownBy(() -> CODEC.encode(new BindingRefreshRequest(options), HOME_AGENT, HOME, out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(out.readableBytes()).isEqualTo(1);
    }

    @Test
    void anAuthenticatorThatCannotEndTheHeaderIsRefused() {
        ByteBuf out = Unpooled.buffer();
        BindingRefreshRequest request = new BindingRefreshRequest(List.of(new BindingAuthorizationData(new byte[8])));
        assertThatThrownBy(() -> CODEC.encode(request, HOME_AGENT, HOME, out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(out.readableBytes()).isZero();
    }

    @Test
    void bindingAuthorizationDataMustBeTheLastOptionOfARecord() {
        assertThatThrownBy(() -> new BindingRefreshRequest(List.of(new BindingAuthorizationData(AUTHENTICATOR),
                new PadN(0)))).isInstanceOf(IllegalArgumentException.class);
    }

    static byte[] withChecksum(byte[] mh, java.net.Inet6Address source, java.net.Inet6Address destination) {
        int checksum = Mip6Fixtures.referenceChecksum(source, destination, mh);
        mh[4] = (byte) (checksum >>> 8);
        mh[5] = (byte) checksum;
        return mh;
    }

    private static void assertAnswer(byte[] mh, java.net.Inet6Address source, java.net.Inet6Address destination,
            Answer answer, int pointer) {
        assertThatThrownBy(() -> Mip6Fixtures.decode(mh, source, destination))
                .isInstanceOfSatisfying(MalformedMobilityHeaderException.class, e -> {
                    assertThat(e.answer()).as(e.getMessage()).isEqualTo(answer);
                    assertThat(e.pointer()).as(e.getMessage()).isEqualTo(pointer);
                });
    }
}
