package net.homeagent.mip.codec.mimm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.OptionalInt;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;

class ReactiveMessageCodecTest {

    private static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private static final AuthenticationAlgorithm HMAC = AuthenticationAlgorithm.HMAC_MD5;
    private static final Inet4Address HOME = address("10.0.0.10");
    private static final ReactiveMessage.Advice ADVICE = new ReactiveMessage.Advice(HOME, 0x0102030405060708L, 2,
            AlertReason.OUTAGE, 120, OptionalInt.of(3), false);

    @Test
    void encodesTheDocumentedLayoutWithAnHmacMd5OverEverythingBeforeTheAuthenticator() throws Exception {
        byte[] wire = ReactiveMessageCodec.encode(ADVICE, 300, HMAC, KEY);
        String hex = HexFormat.of().formatHex(wire);
        assertThat(hex.substring(0, 60)).isEqualTo("01" + "01" + "02" + "00" + "0a00000a" + "0102030405060708"
                + "0002" + "0003" + "00000078" + "20" + "14" + "0000012c");
        assertThat(wire).hasSize(46);
        // checked with the JDK's own HMAC-MD5, not the codec's: RFC 5944 §3.5.1 over octets 0..29
        Mac mac = Mac.getInstance("HmacMD5");
        mac.init(new SecretKeySpec(KEY, "HmacMD5"));
        mac.update(wire, 0, 30);
        assertThat(Arrays.copyOfRange(wire, 30, 46)).isEqualTo(mac.doFinal());
    }

    @Test
    void roundTripsEveryMessageAndChecksTheAuthenticator() {
        ReactiveMessage[] messages = {ADVICE,
            new ReactiveMessage.Advice(HOME, -1L, 0xffff, AlertReason.OTHER, ReactiveMessage.Advice.REST_OF_SESSION,
                    OptionalInt.empty(), true),
            new ReactiveMessage.Ack(HOME, 42), new ReactiveMessage.Pull(HOME, 43),
            new ReactiveMessage.NothingToAdvise(HOME, 44)};
        for (ReactiveMessage m : messages) {
            byte[] wire = ReactiveMessageCodec.encode(m, 0xffff_fffeL, HMAC, KEY);
            ReactiveMessageCodec.Received r = valid(wire);
            assertThat(r.message()).isEqualTo(m);
            assertThat(r.spi()).isEqualTo(0xffff_fffeL);
            assertThat(r.authentic(HMAC, KEY)).isTrue();
        }
    }

    @Test
    void aWrongKeyOrAnyChangedOctetIsNotAuthentic() {
        byte[] wire = ReactiveMessageCodec.encode(ADVICE, 300, HMAC, KEY);
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        assertThat(valid(wire).authentic(HMAC, otherKey)).isFalse();
        for (int i : new int[] {2, 5, 12, 17, 23, 45}) {
            byte[] changed = wire.clone();
            changed[i] ^= 0x01;
            Decoded<ReactiveMessageCodec.Received> d = ReactiveMessageCodec.decode(changed);
            if (d instanceof Decoded.Valid<ReactiveMessageCodec.Received> v) {
                assertThat(v.message().authentic(HMAC, KEY)).as("octet %d changed", i).isFalse();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 37, 45, 47, 60})
    void aBadLengthIsMalformed(int length) {
        byte[] wire = Arrays.copyOf(ReactiveMessageCodec.encode(ADVICE, 300, HMAC, KEY), length);
        assertThat(ReactiveMessageCodec.decode(wire)).isInstanceOf(Decoded.Malformed.class);
    }

    @Test
    void badFieldsAreMalformedWithTheirCounterKey() {
        byte[] wire = ReactiveMessageCodec.encode(ADVICE, 300, HMAC, KEY);
        assertThat(key(with(wire, 1, 2))).isEqualTo("reactive message version");
        assertThat(key(with(wire, 0, 9))).isEqualTo("reactive message type");
        assertThat(key(with(wire, 2, 99))).isEqualTo("reactive advice reason");
        assertThat(key(with(wire, 3, 0x01))).isEqualTo("reactive advice field");
        assertThat(key(with(with(wire, 16, 0), 17, 0))).isEqualTo("reactive advice field");
        assertThat(key(with(wire, 23, 0))).isEqualTo("reactive advice field"); // expiry 0x00000000
        assertThat(key(with(wire, 24, 16))).isEqualTo("reactive message authenticator");
        byte[] ack = ReactiveMessageCodec.encode(new ReactiveMessage.Ack(HOME, 1), 300, HMAC, KEY);
        assertThat(key(with(ack, 2, 1))).isEqualTo("reactive message reserved");
        assertThat(key(with(ack, 0, 1))).isEqualTo("reactive message length");
    }

    @Test
    void anAdviceRefusesImpossibleValues() {
        assertThatThrownBy(() -> new ReactiveMessage.Advice(HOME, 1, 0, AlertReason.OUTAGE, 5, OptionalInt.empty(), false))
                .hasMessageContaining("network");
        assertThatThrownBy(() -> new ReactiveMessage.Advice(HOME, 1, 1, AlertReason.OUTAGE, 0, OptionalInt.empty(), false))
                .hasMessageContaining("expiry");
        assertThatThrownBy(() -> new ReactiveMessage.Advice(HOME, 1, 1, AlertReason.OUTAGE, 1L << 31, OptionalInt.empty(), false))
                .hasMessageContaining("expiry");
    }

    @Test
    void identificationsIncreaseAndAreNearTheirClock() {
        Instant at = Instant.parse("2026-12-06T23:00:00.5Z");
        TimestampIdentifications ids = new TimestampIdentifications(Clock.fixed(at, ZoneOffset.UTC));
        long first = ids.next();
        assertThat(ids.next()).isEqualTo(first + 1);
        assertThat(first >>> 32).isEqualTo(at.getEpochSecond() + 2_208_988_800L);
        assertThat(first & 0xffff_ffffL).isEqualTo(1L << 31);
        assertThat(TimestampIdentifications.near(first, at.plusSeconds(7), 7)).isTrue();
        assertThat(TimestampIdentifications.near(first, at.plusSeconds(8), 7)).isFalse();
        assertThat(TimestampIdentifications.near(first, at.minusSeconds(8), 7)).isFalse();
    }

    private static byte[] with(byte[] wire, int index, int value) {
        byte[] copy = wire.clone();
        copy[index] = (byte) value;
        return copy;
    }

    private static String key(byte[] wire) {
        return ((Decoded.Malformed<ReactiveMessageCodec.Received>) ReactiveMessageCodec.decode(wire)).counterKey();
    }

    private static ReactiveMessageCodec.Received valid(byte[] wire) {
        Decoded<ReactiveMessageCodec.Received> d = ReactiveMessageCodec.decode(wire);
        assertThat(d).isInstanceOf(Decoded.Valid.class);
        return ((Decoded.Valid<ReactiveMessageCodec.Received>) d).message();
    }

    private static Inet4Address address(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
