package net.homeagent.mip.codec.mip6;

import static net.homeagent.mip.codec.mip6.Mip6Fixtures.CARE_OF;
import static net.homeagent.mip.codec.mip6.Mip6Fixtures.CODEC;
import static net.homeagent.mip.codec.mip6.Mip6Fixtures.CORRESPONDENT;
import static net.homeagent.mip.codec.mip6.Mip6Fixtures.HOME;
import static net.homeagent.mip.codec.mip6.Mip6Fixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * RFC 6275 §5.2.5 and §6.2.7 against values worked out by hand with Python's hmac and hashlib
 * (a second implementation), from these inputs: Kcn = 20 octets 0x0b, home address
 * 2001:db8:1::10, care-of address 2001:db8:2::20, correspondent 2001:db8:4::40, home nonce
 * a1a2a3a4a5a6a7a8, care-of nonce b1b2b3b4b5b6b7b8.
 *
 * <pre>
 * home keygen token    = HMAC_SHA1(Kcn, home | nonce | 00)[0..8)    = 06fbb179b81fce43
 * care-of keygen token = HMAC_SHA1(Kcn, coa | nonce | 01)[0..8)     = b58d05522aea7770
 * Kbm                  = SHA1(06fbb179b81fce43 | b58d05522aea7770)  = ccf6124b1a400170adcea4b688761272bbad2650
 * Kbm deregistration   = SHA1(06fbb179b81fce43)                     = e7222993298777659711c29e04470ece6e2beaf2
 * authenticator of the BU below = HMAC_SHA1(Kbm, coa | cn | MH Data)[0..12) = b1742ac2b348e148ca2c1459
 * </pre>
 */
class ReturnRoutabilityTest {
    private static final byte[] KCN = hex("0b".repeat(20));
    private static final byte[] HOME_NONCE = hex("a1a2a3a4a5a6a7a8");
    private static final byte[] CARE_OF_NONCE = hex("b1b2b3b4b5b6b7b8");
    private static final byte[] KBM = hex("ccf6124b1a400170adcea4b688761272bbad2650");
    /** BU seq 1, A, lifetime 16 units, Nonce Indices 1/2 at 12, BAD at 18 (8n+2); Checksum zero as §6.2.7 says. */
    private static final String MH_DATA = "3b | 03 | 05 | 00 | 0000 | 0001 | 8000 | 0010 | 04 04 0001 0002 | 05 0c";
    private static final String AUTHENTICATOR = "b1742ac2b348e148ca2c1459";

    @Test
    void keygenTokensAreTheFirst64BitsOfTheHmacWithAZeroOrOneOctetLast() {
        assertThat(ReturnRoutability.homeKeygenToken(KCN, HOME, HOME_NONCE)).isEqualTo(0x06fbb179b81fce43L);
        assertThat(ReturnRoutability.careOfKeygenToken(KCN, CARE_OF, CARE_OF_NONCE)).isEqualTo(0xb58d05522aea7770L);
    }

    @Test
    void kbmIsTheSha1OfBothTokensOrOfTheHomeTokenAloneForDeregistration() {
        assertThat(ReturnRoutability.kbm(0x06fbb179b81fce43L, 0xb58d05522aea7770L)).isEqualTo(KBM);
        assertThat(ReturnRoutability.kbmForDeregistration(0x06fbb179b81fce43L))
                .isEqualTo(hex("e7222993298777659711c29e04470ece6e2beaf2"));
    }

    @Test
    void authenticatorIsTheFirst96BitsOverCareOfCorrespondentAndMhData() {
        byte[] data = hex(MH_DATA);
        assertThat(ReturnRoutability.authenticator(KBM, CARE_OF, CORRESPONDENT, data, 0, data.length))
                .isEqualTo(hex(AUTHENTICATOR));
    }

    @Test
    void encodeAuthorizedAppendsTheAuthenticatorThenTheChecksumOverIt() throws Exception {
        BindingUpdate update = new BindingUpdate(1, true, false, false, false, false, 16,
                List.of(new NonceIndices(1, 2)));
        ByteBuf out = Unpooled.buffer();

        CODEC.encodeAuthorized(update, HOME, CORRESPONDENT, new BindingAuthorizer(KBM, CARE_OF, CORRESPONDENT), out);

        byte[] mh = ByteBufUtil.getBytes(out);
        int checksum = Mip6Fixtures.referenceChecksum(HOME, CORRESPONDENT, mh);
        assertThat(HexFormat.of().formatHex(mh)).isEqualTo(
                (MH_DATA.replace("0000", String.format("%04x", checksum)) + AUTHENTICATOR).replaceAll("[\\s|]", ""));
        MobilityMessage decoded = Mip6Fixtures.decode(mh, HOME, CORRESPONDENT);
        assertThat(decoded.option(BindingAuthorizationData.class).orElseThrow().authenticator())
                .isEqualTo(hex(AUTHENTICATOR));
        assertThat(new BindingAuthorizer(KBM, CARE_OF, CORRESPONDENT).verifies(mh, decoded)).isTrue();
    }

    @Test
    void verificationFailsForAnotherKeyAnotherCareOfAddressOrAChangedOctet() throws Exception {
        BindingUpdate update = new BindingUpdate(1, true, false, false, false, false, 16,
                List.of(new NonceIndices(1, 2)));
        ByteBuf out = Unpooled.buffer();
        CODEC.encodeAuthorized(update, HOME, CORRESPONDENT, new BindingAuthorizer(KBM, CARE_OF, CORRESPONDENT), out);
        byte[] mh = ByteBufUtil.getBytes(out);
        MobilityMessage decoded = Mip6Fixtures.decode(mh, HOME, CORRESPONDENT);

        byte[] otherKbm = KBM.clone();
        otherKbm[0] ^= 1;
        assertThat(new BindingAuthorizer(otherKbm, CARE_OF, CORRESPONDENT).verifies(mh, decoded)).isFalse();
        assertThat(new BindingAuthorizer(KBM, Mip6Fixtures.ALTERNATE, CORRESPONDENT).verifies(mh, decoded)).isFalse();
        byte[] changed = mh.clone();
        changed[7] ^= 2; // the sequence number
        assertThat(new BindingAuthorizer(KBM, CARE_OF, CORRESPONDENT).verifies(changed, decoded)).isFalse();
    }

    @Test
    void theChecksumFieldDoesNotEnterTheAuthenticator() throws Exception {
        BindingUpdate update = new BindingUpdate(1, true, false, false, false, false, 16,
                List.of(new NonceIndices(1, 2)));
        BindingAuthorizer authorizer = new BindingAuthorizer(KBM, CARE_OF, CORRESPONDENT);
        ByteBuf toCorrespondent = Unpooled.buffer();
        ByteBuf viaOtherPseudoHeader = Unpooled.buffer();
        CODEC.encodeAuthorized(update, HOME, CORRESPONDENT, authorizer, toCorrespondent);
        CODEC.encodeAuthorized(update, CARE_OF, CORRESPONDENT, authorizer, viaOtherPseudoHeader);

        assertThat(toCorrespondent.getShort(4)).isNotEqualTo(viaOtherPseudoHeader.getShort(4));
        assertThat(ByteBufUtil.getBytes(toCorrespondent, 20, 12))
                .isEqualTo(ByteBufUtil.getBytes(viaOtherPseudoHeader, 20, 12));
    }

    @Test
    void aMessageWithoutBindingAuthorizationDataDoesNotVerify() throws Exception {
        byte[] mh = Mip6Fixtures.encode(new BindingUpdate(1, true, false, false, false, false, 16, List.of()),
                HOME, CORRESPONDENT);
        assertThat(new BindingAuthorizer(KBM, CARE_OF, CORRESPONDENT)
                .verifies(mh, Mip6Fixtures.decode(mh, HOME, CORRESPONDENT))).isFalse();
    }

    @Test
    void encodeAuthorizedRefusesAMessageThatIsAlreadyAuthorized() {
        BindingUpdate signed = new BindingUpdate(1, true, false, false, false, false, 16,
                List.of(new BindingAuthorizationData(new byte[12])));
        ByteBuf out = Unpooled.buffer();
        assertThatThrownBy(() -> CODEC.encodeAuthorized(signed, HOME, CORRESPONDENT,
                new BindingAuthorizer(KBM, CARE_OF, CORRESPONDENT), out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(out.readableBytes()).isZero();
    }
}
