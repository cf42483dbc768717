package net.homeagent.mip.codec;

import static net.homeagent.mip.codec.Fixtures.FA_HA_KEY;
import static net.homeagent.mip.codec.Fixtures.MN_HA_KEY;
import static net.homeagent.mip.codec.Fixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;

import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;
import net.homeagent.mip.codec.ext.AuthenticationExtension;
import net.homeagent.mip.codec.ext.NaiExtension;
import net.homeagent.mip.codec.ext.UnknownExtension;

/**
 * RFC 5944 §3.5.1: an authenticator covers the UDP payload up to and including its extension's
 * SPI. Messages are signed with keys on encode and verified on decode through
 * {@link AuthenticationExtension#authenticatedLength()}, as the home agent does.
 */
class AuthenticatorCoverageTest {
    private final MipCodec codec = MipCodec.standard();

    /** MN-HA (HMAC-MD5, mobile node's key) and FA-HA (keyed MD5, foreign agent's key). */
    private final MessageSigner twoKeys = (ext, data, offset, length) -> ext.type() == AuthenticationExtension.MOBILE_HOME
            ? AuthenticationAlgorithm.HMAC_MD5.compute(MN_HA_KEY, data, offset, length)
            : AuthenticationAlgorithm.KEYED_MD5.compute(FA_HA_KEY, data, offset, length);

    @Test
    void signerIsGivenTheMessageUpToAndIncludingTheSpi() {
        List<byte[]> signed = new ArrayList<>();
        MessageSigner recording = (ext, data, offset, length) -> {
            signed.add(Arrays.copyOfRange(data, offset, offset + length));
            return new byte[AuthenticationAlgorithm.AUTHENTICATOR_LENGTH];
        };
        RegistrationRequest request = Fixtures.request(List.of(new NaiExtension("mn@example.net"),
                AuthenticationExtension.mobileHome(0x01020304L)));

        byte[] wire = Fixtures.encode(codec, request, recording);

        // 24 fixed + NAI (2 + 14) + MN-HA type, length, SPI (6)
        assertThat(signed).hasSize(1);
        byte[] covered = signed.get(0);
        assertThat(covered).hasSize(24 + 16 + 6).isEqualTo(Arrays.copyOf(wire, 46));
        assertThat(hex(Arrays.copyOfRange(covered, 40, 46))).isEqualTo("201401020304");
    }

    @Test
    void eachAuthenticatorVerifiesOverItsOwnRangeWithItsOwnKey() throws Exception {
        RegistrationRequest sent = Fixtures.request(List.of(new UnknownExtension(200, hex("0a0b0c")),
                AuthenticationExtension.mobileHome(256),
                AuthenticationExtension.toSign(AuthenticationExtension.FOREIGN_HOME, 0, 999)));

        byte[] wire = Fixtures.encode(codec, sent, twoKeys);
        RegistrationRequest received = (RegistrationRequest) Fixtures.decode(codec, wire);

        AuthenticationExtension mnHa = (AuthenticationExtension) received.extensions().get(1);
        AuthenticationExtension faHa = (AuthenticationExtension) received.extensions().get(2);
        assertThat(mnHa.authenticatedLength()).isEqualTo(24 + 5 + 6);
        assertThat(faHa.authenticatedLength()).isEqualTo(24 + 5 + 22 + 6);
        assertThat(AuthenticationAlgorithm.HMAC_MD5.verify(MN_HA_KEY, wire, 0, mnHa.authenticatedLength(),
                mnHa.authenticator())).isTrue();
        assertThat(AuthenticationAlgorithm.KEYED_MD5.verify(FA_HA_KEY, wire, 0, faHa.authenticatedLength(),
                faHa.authenticator())).isTrue();
        assertThat(AuthenticationAlgorithm.HMAC_MD5.verify(FA_HA_KEY, wire, 0, mnHa.authenticatedLength(),
                mnHa.authenticator())).isFalse();
    }

    @Test
    void changingAnyCoveredOctetBreaksTheAuthenticator() throws Exception {
        RegistrationRequest sent = Fixtures.request(List.of(new UnknownExtension(200, hex("0a0b0c")),
                AuthenticationExtension.mobileHome(256)));
        byte[] wire = Fixtures.encode(codec, sent, twoKeys);
        AuthenticationExtension mnHa = ((RegistrationRequest) Fixtures.decode(codec, wire))
                .extension(AuthenticationExtension.class).orElseThrow();

        // fixed part, the unknown skippable extension, and the MN-HA type, length and SPI
        assertThat(mnHa.authenticatedLength()).isEqualTo(24 + 5 + 6);
        for (int i = 0; i < mnHa.authenticatedLength(); i++) {
            byte[] tampered = wire.clone();
            tampered[i] ^= 0x01;

            assertThat(AuthenticationAlgorithm.HMAC_MD5.verify(MN_HA_KEY, tampered, 0, mnHa.authenticatedLength(),
                    mnHa.authenticator())).as("octet %d flipped", i).isFalse();
        }
    }

    @Test
    void octetsAfterTheMobileHomeExtensionAreNotCoveredByIt() throws Exception {
        RegistrationRequest sent = Fixtures.request(List.of(AuthenticationExtension.mobileHome(256),
                AuthenticationExtension.toSign(AuthenticationExtension.FOREIGN_HOME, 0, 999)));
        byte[] wire = Fixtures.encode(codec, sent, twoKeys);
        wire[wire.length - 1] ^= 0x01; // the FA-HA authenticator, appended by the foreign agent

        AuthenticationExtension mnHa = ((RegistrationRequest) Fixtures.decode(codec, wire))
                .extension(AuthenticationExtension.class).orElseThrow();

        assertThat(AuthenticationAlgorithm.HMAC_MD5.verify(MN_HA_KEY, wire, 0, mnHa.authenticatedLength(),
                mnHa.authenticator())).isTrue();
    }

    @Test
    void replyAuthenticatorVerifiesLikeARequests() throws Exception {
        byte[] wire = Fixtures.encode(codec, Fixtures.reply(List.of(AuthenticationExtension.mobileHome(256))),
                Fixtures.hmacSigner(MN_HA_KEY));

        RegistrationReply reply = (RegistrationReply) Fixtures.decode(codec, wire);
        AuthenticationExtension mnHa = reply.extension(AuthenticationExtension.class).orElseThrow();

        assertThat(mnHa.authenticatedLength()).isEqualTo(26);
        assertThat(AuthenticationAlgorithm.HMAC_MD5.verify(MN_HA_KEY, reply.wire().orElseThrow(), 0,
                mnHa.authenticatedLength(), mnHa.authenticator())).isTrue();
    }

    @Test
    void anAuthenticatorAlreadyPresentIsWrittenAsIsWithoutSigning() {
        byte[] given = hex("000102030405060708090a0b0c0d0e0f");
        RegistrationReply reply = Fixtures.reply(List.of(new AuthenticationExtension(
                AuthenticationExtension.MOBILE_HOME, 0, 256, given, AuthenticationExtension.NOT_RECEIVED)));

        byte[] wire = Fixtures.encode(codec, reply, MessageSigner.NONE);

        assertThat(Arrays.copyOfRange(wire, wire.length - 16, wire.length)).isEqualTo(given);
    }

    @Test
    void signingWithoutAKeyOrWithAWrongSizedAuthenticatorIsALocalError() {
        RegistrationReply reply = Fixtures.reply(List.of(AuthenticationExtension.mobileHome(256)));

        assertThatThrownBy(() -> codec.encode(reply, Unpooled.buffer(), MessageSigner.NONE))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> codec.encode(reply, Unpooled.buffer(), (ext, data, offset, length) -> new byte[20]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("20 octets");
    }
}
