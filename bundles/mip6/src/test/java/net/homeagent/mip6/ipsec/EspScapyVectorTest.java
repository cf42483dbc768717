package net.homeagent.mip6.ipsec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import net.homeagent.mip6.Addresses;
import net.homeagent.mip6.Mip6Counters;
import net.homeagent.mip6.Mip6Counters.Counter;
import net.homeagent.mip6.Mip6Signalling;
import net.homeagent.mip6.cache.BindingCache;
import net.homeagent.mip6.cache.CacheBackup;
import net.homeagent.mip6.registration.HomeAgentResponder;
import net.homeagent.mip6.registration.HomeRegistration;
import net.homeagent.mip6.registration.HomeRegistrationSettings;
import net.homeagent.mip6.registration.Ipv6Prefix;
import net.homeagent.mip6.registration.RegistrationKind;

/**
 * The home agent's ESP (RFC 4877, RFC 4303) against packets scapy's SecurityAssociation built
 * (tools/mip6/mip6_esp_vectors.py, fixed keys and IVs): whole packets through {@link Mip6Signalling}
 * as the signalling device carries them.
 */
class EspScapyVectorTest {

    // tools/mip6/mip6_esp_vectors.py, scapy 2.5.0
    private static final String BU_SEQ_1 = "60000000005c3c4020010db800020000000000000000002020010db8010000000000000000000001320201020000c91020010db80100000000000000000000100000100100000001808182838485868788898a8b8c8d8e8ff457fa31f3572ccfb704c74c78e0e7f27240e8525ad4f43814dbc3a88a9003b219c98ece695e2161da6c6609";
    private static final String BU_SEQ_2 = "60000000005c3c4020010db800020000000000000000002020010db8010000000000000000000001320201020000c91020010db80100000000000000000000100000100100000002808182838485868788898a8b8c8d8e8ff457fa31f3572ccfb704c74c78e0e7f27240e8525ad4f43814dbc3a88a9003b22b1d7f2379e8d1ed038a047f";
    private static final String BU_OTHER_HOME = "60000000005c3c4020010db800020000000000000000002020010db8010000000000000000000001320201020000c91020010db80100000000000000000000110000100100000003808182838485868788898a8b8c8d8e8fa36fe40257f2cdc20f93b30f3a4f5087c3476d3a8a5bbefed8e1d2c90f9c1561620e7ce375f3d42c6ad84712";
    private static final String BA_SEQ_1 = "60000000005c2b4020010db801000000000000000000000120010db8000200000000000000000020320202010000000020010db80100000000000000000000100000200100000001909192939495969798999a9b9c9d9e9f2853d9e2e8f484bb3d1df6dcced46baa43921802db19359b062436cf9fc3de92eaf452950de691975a273e01";
    private static final String BA_PLAIN = "6000000000282b4020010db801000000000000000000000120010db8000200000000000000000020870202010000000020010db80100000000000000000000103b0106005f7700000007006401020000";
    private static final String BU_PLAIN = "6000000000283c4020010db800020000000000000000002020010db8010000000000000000000001870201020000c91020010db80100000000000000000000103b010500a0760007c000006401020000";
    private static final String BU_PLAIN_UNKEYED = "6000000000283c4020010db800020000000000000000002020010db8010000000000000000000001870201020000c91020010db80100000000000000000000113b010500a0750007c000006401020000";

    private static final HexFormat HEX = HexFormat.of();
    private static final Inet6Address HA = Addresses.v6("2001:db8:100::1");
    private static final Inet6Address HOME = Addresses.v6("2001:db8:100::10");
    private static final Inet6Address OTHER_HOME = Addresses.v6("2001:db8:100::11");
    private static final Inet6Address CARE_OF = Addresses.v6("2001:db8:2::20");
    /** The vectors' SA, as etc/mip6-ipsec.conf holds it: inbound is the mobile node's direction. */
    private static final String LINE = "2001:db8:100::10 0x1001 0x2001 aes-cbc/hmac-sha1-96"
            + " 000102030405060708090a0b0c0d0e0f 202122232425262728292a2b2c2d2e2f30313233"
            + " 404142434445464748494a4b4c4d4e4f 606162636465666768696a6b6c6d6e6f70717273";

    private final List<byte[]> out = new ArrayList<>();
    private final Mip6Counters counters = new Mip6Counters();
    private final Mip6Counters signallingCounters = new Mip6Counters();
    private final BindingCache cache = new BindingCache(CacheBackup.NONE);

    /** The IVs scapy was given: the home agent's "random" IV is the vector's. */
    private static final class FixedIv extends SecureRandom {
        private static final long serialVersionUID = 1L;

        @Override
        public void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (0x90 + i);
            }
        }
    }

    private Mip6Signalling homeAgent(IpsecPolicy policy, String associations) {
        SecurityAssociationDatabase database = SecurityAssociationParser.parse(associations, "test").database();
        EspTransform esp = new EspTransform(new FixedIv());
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);
        HomeAgentResponder responder = new HomeAgentResponder(new HomeRegistration(new HomeRegistrationSettings(
                RegistrationKind.HOME, List.of(Ipv6Prefix.parse("2001:db8:100::/64")), List.of(), 3600, 100,
                List.of(HA)), cache, home -> false, counters, home -> { }), counters,
                Optional.of(new HomeRegistrationProtection(policy, () -> database, signallingCounters)));
        return new Mip6Signalling(Map.of(HA, responder), packet -> false, signallingCounters, packet -> {
            byte[] octets = new byte[packet.readableBytes()];
            packet.getBytes(packet.readerIndex(), octets);
            return out.add(octets);
        }, clock, Optional.of(new EspInbound(Set.of(HA), () -> database, esp, signallingCounters, clock)),
                Optional.of(esp));
    }

    private static void receive(Mip6Signalling signalling, String hex) {
        signalling.received(Unpooled.wrappedBuffer(HEX.parseHex(hex)));
    }

    private static String flipped(String hex, int octet) {
        byte[] octets = HEX.parseHex(hex);
        octets[octet] ^= 0x01;
        return HEX.formatHex(octets);
    }

    @Test
    void scapysProtectedBindingUpdateIsAcceptedAndTheAcknowledgementIsScapysOctetForOctet() {
        receive(homeAgent(IpsecPolicy.REQUIRED, LINE), BU_SEQ_1);
        assertThat(cache.get(HOME)).isPresent();
        assertThat(cache.get(HOME).orElseThrow().careOfAddress()).isEqualTo(CARE_OF);
        assertThat(out).hasSize(1);
        // IPv6 | type 2 routing header | ESP (SPI 0x2001, sequence 1, the IV) | BA status 0, sequence 7, 100 units
        assertThat(HEX.formatHex(out.get(0))).isEqualTo(BA_SEQ_1);
        assertThat(signallingCounters.get(Counter.ESP_ACCEPTED)).isEqualTo(1);
        assertThat(signallingCounters.get(Counter.ESP_SENT)).isEqualTo(1);
    }

    @Test
    void eachNewSequenceNumberIsAcceptedAndTheAcknowledgementsCountUp() {
        Mip6Signalling signalling = homeAgent(IpsecPolicy.REQUIRED, LINE);
        receive(signalling, BU_SEQ_2);
        receive(signalling, BU_SEQ_1);   // left of the highest but inside the 64-packet window: new
        assertThat(out).hasSize(2);
        assertThat(HEX.formatHex(out.get(1), 64, 72)).as("SPI and sequence number of the second").isEqualTo("0000200100000002");
        assertThat(signallingCounters.get(Counter.ESP_ACCEPTED)).isEqualTo(2);
    }

    @Test
    void aFlippedIcvOctetIsDiscardedAndCounted() {
        receive(homeAgent(IpsecPolicy.REQUIRED, LINE), flipped(BU_SEQ_1, HEX.parseHex(BU_SEQ_1).length - 1));
        assertDiscarded(Counter.ESP_ICV_FAILED);
    }

    @Test
    void aFlippedCiphertextOctetFailsTheIcvBeforeAnythingIsDecrypted() {
        receive(homeAgent(IpsecPolicy.REQUIRED, LINE), flipped(BU_SEQ_1, 90));
        assertDiscarded(Counter.ESP_ICV_FAILED);
    }

    @Test
    void aReplayedSequenceNumberIsDiscardedAndCounted() {
        Mip6Signalling signalling = homeAgent(IpsecPolicy.REQUIRED, LINE);
        receive(signalling, BU_SEQ_1);
        out.clear();
        receive(signalling, BU_SEQ_1);
        assertThat(out).isEmpty();
        assertThat(signallingCounters.get(Counter.ESP_REPLAYED)).isEqualTo(1);
        assertThat(signallingCounters.get(Counter.ESP_ACCEPTED)).isEqualTo(1);
    }

    @Test
    void anUnknownSpiIsDiscardedAndCounted() {
        receive(homeAgent(IpsecPolicy.REQUIRED, LINE.replace("0x1001", "0x1002")), BU_SEQ_1);
        assertDiscarded(Counter.ESP_UNKNOWN_SPI);
    }

    @Test
    void aHomeAddressOptionThatIsNotTheSasHomeAddressIsDiscardedAndCounted() {
        receive(homeAgent(IpsecPolicy.WHEN_KEYED, LINE), BU_OTHER_HOME);
        assertThat(cache.get(OTHER_HOME)).isEmpty();
        assertThat(out).isEmpty();
        assertThat(signallingCounters.get(Counter.ESP_ACCEPTED)).as("the ESP itself verified").isEqualTo(1);
        assertThat(signallingCounters.get(Counter.ESP_HOME_ADDRESS_MISMATCH)).isEqualTo(1);
    }

    @Test
    void aTruncatedEspIsMalformed() {
        String cut = BU_SEQ_1.substring(0, BU_SEQ_1.length() - 2 * 12);   // the ICV cut off: the rest is no whole block
        byte[] octets = HEX.parseHex(cut);
        octets[5] -= 12;   // the payload length says so too
        receive(homeAgent(IpsecPolicy.REQUIRED, LINE), HEX.formatHex(octets));
        assertDiscarded(Counter.ESP_MALFORMED);
    }

    @Test
    void anUnprotectedUpdateForAKeyedHomeAddressIsDiscardedUnderEitherPolicy() {
        for (IpsecPolicy policy : IpsecPolicy.values()) {
            receive(homeAgent(policy, LINE), BU_PLAIN);
        }
        assertThat(cache.get(HOME)).isEmpty();
        assertThat(out).isEmpty();
        assertThat(signallingCounters.get(Counter.ESP_NOT_PROTECTED)).isEqualTo(2);
    }

    @Test
    void anUnprotectedUpdateForAHomeAddressWithoutAnSaIsRefusedWhenRequiredAndAcceptedInTheClearWhenKeyed() {
        receive(homeAgent(IpsecPolicy.REQUIRED, LINE), BU_PLAIN_UNKEYED);
        assertThat(cache.get(OTHER_HOME)).isEmpty();
        assertThat(signallingCounters.get(Counter.ESP_NOT_PROTECTED)).isEqualTo(1);

        receive(homeAgent(IpsecPolicy.WHEN_KEYED, LINE), BU_PLAIN_UNKEYED);
        assertThat(cache.get(OTHER_HOME)).isPresent();
        assertThat(out).hasSize(1);
        assertThat(out.get(0)[40]).as("the acknowledgement in the clear: the routing header's next header is MH")
                .isEqualTo((byte) 135);
        assertThat(signallingCounters.get(Counter.ESP_SENT)).isZero();
    }

    private void assertDiscarded(Counter counter) {
        assertThat(out).isEmpty();
        assertThat(cache.get(HOME)).isEmpty();
        assertThat(signallingCounters.get(counter)).isEqualTo(1);
        assertThat(signallingCounters.get(Counter.ESP_ACCEPTED)).isZero();
    }
}
