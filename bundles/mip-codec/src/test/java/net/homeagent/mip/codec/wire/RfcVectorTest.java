package net.homeagent.mip.codec.wire;

import static net.homeagent.mip.codec.Fixtures.CARE_OF_ADDRESS;
import static net.homeagent.mip.codec.Fixtures.HOME_ADDRESS;
import static net.homeagent.mip.codec.Fixtures.HOME_AGENT;
import static net.homeagent.mip.codec.Fixtures.UNSPECIFIED;
import static net.homeagent.mip.codec.Fixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import net.homeagent.mip.codec.Fixtures;
import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.MipCodec;
import net.homeagent.mip.codec.MipMessage;
import net.homeagent.mip.codec.RegistrationFlags;
import net.homeagent.mip.codec.RegistrationReply;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.mip.codec.ext.AuthenticationExtension;
import net.homeagent.mip.codec.ext.EncapsulatingDeliveryStyleExtension;
import net.homeagent.mip.codec.ext.NaiExtension;
import net.homeagent.mip.codec.ext.RevocationSupportExtension;
import net.homeagent.mip.codec.ext.UdpTunnelReplyExtension;
import net.homeagent.mip.codec.ext.UdpTunnelRequestExtension;
import net.homeagent.mip.codec.ext.UnknownExtension;
import net.homeagent.mip.codec.ext.VendorSpecificExtension;

/**
 * Datagrams written out octet by octet from the RFC figures (one {@code |} between fields), decoded
 * field by field and encoded back to the same octets. Authenticators are arbitrary values here:
 * covered ranges are checked in AuthenticatorCoverageTest.
 */
class RfcVectorTest {
    private static final MipCodec CODEC = MipCodec.standard();

    /** RFC 5944 §3.3 figure: Type 1, flags (T), Lifetime 1800, Home Address, Home Agent, CoA, Identification. */
    private static final String REQUEST_HEADER =
            "01 | 02 | 0708 | 0a00000a | c0000201 | c6336405 | e8d0b8c2 00000001";
    /** RFC 5944 §3.4 figure: Type 3, Code 0, Lifetime 1800, Home Address, Home Agent, Identification. */
    private static final String REPLY_HEADER = "03 | 00 | 0708 | 0a00000a | c0000201 | e8d0b8c2 00000001";
    /** RFC 5944 §3.5.2 figure: Type 32, Length 20, SPI 256, 16-octet Authenticator. */
    private static final String MN_HA = "20 | 14 | 00000100 | 00112233445566778899aabbccddeeff";
    private static final AuthenticationExtension MN_HA_AT_24 = received(32, 0, 256,
            "00112233445566778899aabbccddeeff", 30);

    @Test
    void registrationRequestWithMobileHomeAuthentication() throws Exception {
        byte[] datagram = hex(REQUEST_HEADER + MN_HA);

        RegistrationRequest request = (RegistrationRequest) decodeAndReencode(datagram);

        assertThat(request.flags()).isEqualTo(RegistrationFlags.T);
        assertThat(request.lifetime()).isEqualTo(1800);
        assertThat(request.homeAddress()).isEqualTo(HOME_ADDRESS);
        assertThat(request.homeAgent()).isEqualTo(HOME_AGENT);
        assertThat(request.careOfAddress()).isEqualTo(CARE_OF_ADDRESS);
        assertThat(request.identification()).isEqualTo(0xe8d0b8c2_00000001L);
        assertThat(request.extensions()).containsExactly(MN_HA_AT_24);
        assertThat(request.wire()).hasValueSatisfying(wire -> assertThat(wire).isEqualTo(datagram));
    }

    @Test
    void everyRequestFlagBitIsKeptAsReceived() throws Exception {
        // RFC 5944 §3.3: S B D M G r T x = 1 1 1 1 1 1 1 1; the reserved r and x are kept, not cleared.
        byte[] datagram = hex("01 | ff | ffff | 0a00000a | c0000201 | c6336405 | ffffffff ffffffff");

        RegistrationRequest request = (RegistrationRequest) decodeAndReencode(datagram);

        assertThat(request.flags()).isEqualTo(0xff);
        assertThat(request.lifetime()).isEqualTo(0xffff);
        assertThat(request.identification()).isEqualTo(-1L);
        assertThat(request.extensions()).isEmpty();
    }

    @Test
    void registrationReplyWithMobileHomeAuthentication() throws Exception {
        RegistrationReply reply = (RegistrationReply) decodeAndReencode(hex(REPLY_HEADER + MN_HA));

        assertThat(reply.code()).isZero();
        assertThat(reply.lifetime()).isEqualTo(1800);
        assertThat(reply.homeAddress()).isEqualTo(HOME_ADDRESS);
        assertThat(reply.homeAgent()).isEqualTo(HOME_AGENT);
        assertThat(reply.identification()).isEqualTo(0xe8d0b8c2_00000001L);
        assertThat(reply.extensions()).containsExactly(received(32, 0, 256, "00112233445566778899aabbccddeeff", 26));
    }

    @Test
    void authenticationChainOfMobileHomeMobileForeignAndForeignHome() throws Exception {
        // RFC 5944 §3.5.2-3.5.4: MN-HA (32), MN-FA (33), FA-HA (34), each Type | Length | SPI | Authenticator.
        String mnFa = "21 | 14 | 00000101 | 0102030405060708090a0b0c0d0e0f10";
        String faHa = "22 | 14 | 00000102 | a0a1a2a3a4a5a6a7a8a9aaabacadaeaf";

        RegistrationRequest request = (RegistrationRequest) decodeAndReencode(hex(REQUEST_HEADER + MN_HA + mnFa + faHa));

        assertThat(request.extensions()).containsExactly(MN_HA_AT_24,
                received(AuthenticationExtension.MOBILE_FOREIGN, 0, 257, "0102030405060708090a0b0c0d0e0f10", 52),
                received(AuthenticationExtension.FOREIGN_HOME, 0, 258, "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf", 74));
    }

    @Test
    void naiAndGeneralizedMnAaaAuthentication() throws Exception {
        // RFC 2794 §2 asks for a home address with 0.0.0.0; NAI: Type 131 | Length 16 | "user@example.net".
        // RFC 4721 generalized authentication: Type 36 | Subtype 1 (MN-AAA) | Length 20 (16 bits) | SPI 2 | Authenticator.
        byte[] datagram = hex("01 | 00 | 0708 | 00000000 | c0000201 | c6336405 | e8d0b8c2 00000002"
                + "83 | 10 | 75736572406578616d706c652e6e6574"
                + "24 | 01 | 0014 | 00000002 | ffeeddccbbaa99887766554433221100");

        RegistrationRequest request = (RegistrationRequest) decodeAndReencode(datagram);

        assertThat(request.homeAddress()).isEqualTo(UNSPECIFIED);
        assertThat(request.extensions()).containsExactly(new NaiExtension("user@example.net"),
                received(AuthenticationExtension.GENERALIZED, AuthenticationExtension.SUBTYPE_MN_AAA, 2,
                        "ffeeddccbbaa99887766554433221100", 24 + 18 + 4 + 4));
    }

    @Test
    void criticalAndNormalVendorSpecificExtensions() throws Exception {
        // RFC 3115 CVSE: Type 38 | Reserved | Length 8 (16 bits) | Vendor/Org-ID 9 | CVSE-Type 1 | Value cafe.
        // RFC 3115 NVSE: Type 134 | Length 10 | Reserved (16) | Vendor/Org-ID 9 | NVSE-Type 2 | Value beef.
        String cvse = "26 | 00 | 0008 | 00000009 | 0001 | cafe";
        String nvse = "86 | 0a | 0000 | 00000009 | 0002 | beef";

        RegistrationRequest request = (RegistrationRequest) decodeAndReencode(hex(REQUEST_HEADER + cvse + nvse + MN_HA));

        assertThat(request.extensions()).containsExactly(
                new VendorSpecificExtension(true, 9, 1, hex("cafe")),
                new VendorSpecificExtension(false, 9, 2, hex("beef")),
                received(32, 0, 256, "00112233445566778899aabbccddeeff", 24 + 12 + 12 + 6));
    }

    @Test
    void deliveryStyleUdpTunnelRequestAndRevocationSupport() throws Exception {
        // RFC 3024 §3.3.1: Type 130 | Length 0.
        // RFC 3519 §3.1: Type 144 | Length 6 | Sub-Type 0 | Reserved 1 | F R (0xc0) | Encapsulation 4 | Reserved 3.
        // RFC 3543 Revocation Support: Type 137 | Length 6 | I + Reserved (0x8000) | Timestamp 0x5f5e1000.
        String eds = "82 | 00";
        String udpTunnelRequest = "90 | 06 | 00 | 00 | c0 | 04 | 0000";
        String revocation = "89 | 06 | 8000 | 5f5e1000";

        RegistrationRequest request = (RegistrationRequest) decodeAndReencode(
                hex(REQUEST_HEADER + eds + udpTunnelRequest + revocation + MN_HA));

        assertThat(request.extensions()).containsExactly(new EncapsulatingDeliveryStyleExtension(),
                new UdpTunnelRequestExtension(0, true, true, UdpTunnelRequestExtension.ENCAPSULATION_IP_IN_IP),
                new RevocationSupportExtension(true, 0x5f5e1000L),
                received(32, 0, 256, "00112233445566778899aabbccddeeff", 24 + 2 + 8 + 8 + 6));
    }

    @Test
    void udpTunnelReplyInARegistrationReply() throws Exception {
        // RFC 3519 §3.2: Type 44 | Length 6 | Sub-Type 0 | Reply Code 0 | F + Reserved (0x8000) | Keepalive 110.
        RegistrationReply reply = (RegistrationReply) decodeAndReencode(
                hex(REPLY_HEADER + "2c | 06 | 00 | 00 | 8000 | 006e" + MN_HA));

        assertThat(reply.extensions()).containsExactly(
                new UdpTunnelReplyExtension(0, UdpTunnelReplyExtension.WILL_DO_TUNNELLING, true, 110),
                received(32, 0, 256, "00112233445566778899aabbccddeeff", 20 + 8 + 6));
    }

    @Test
    void unknownSkippableExtensionIsKeptAndWrittenBack() throws Exception {
        // RFC 5944 §1.9: type 200 (128-255) is skipped by its length, the rest is still processed.
        RegistrationRequest request = (RegistrationRequest) decodeAndReencode(
                hex(REQUEST_HEADER + "c8 | 03 | 010203" + MN_HA));

        assertThat(request.extensions()).containsExactly(new UnknownExtension(200, hex("010203")),
                received(32, 0, 256, "00112233445566778899aabbccddeeff", 24 + 5 + 6));
    }

    @Test
    void decodeConsumesTheWholePayload() throws Exception {
        ByteBuf datagram = Unpooled.wrappedBuffer(hex(REQUEST_HEADER + MN_HA));

        CODEC.decode(datagram);

        assertThat(datagram.readableBytes()).isZero();
    }

    /** Decodes the datagram, checks that encoding the result gives back the same octets. */
    private static MipMessage decodeAndReencode(byte[] datagram) throws Exception {
        MipMessage message = Fixtures.decode(CODEC, datagram);
        assertThat(hex(Fixtures.encode(CODEC, message, MessageSigner.NONE))).isEqualTo(hex(datagram));
        return message;
    }

    private static AuthenticationExtension received(int type, int subtype, long spi, String authenticator,
            int authenticatedLength) {
        return new AuthenticationExtension(type, subtype, spi, hex(authenticator), authenticatedLength);
    }
}
