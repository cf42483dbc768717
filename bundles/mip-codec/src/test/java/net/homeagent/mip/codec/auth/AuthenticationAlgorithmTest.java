package net.homeagent.mip.codec.auth;

import static net.homeagent.mip.codec.Fixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class AuthenticationAlgorithmTest {

    private static final byte[] HI_THERE = "Hi There".getBytes(StandardCharsets.US_ASCII);

    /** An HMAC-MD5 test case of RFC 2104 (Appendix / RFC 2202 §2) and its expected MAC in hex. */
    private record Rfc2104Case(byte[] key, byte[] data, String mac) {
        static Rfc2104Case repeated(int keyOctet, int keyLength, byte[] data, String mac) {
            byte[] key = new byte[keyLength];
            Arrays.fill(key, (byte) keyOctet);
            return new Rfc2104Case(key, data, mac);
        }

        void check() {
            assertThat(hex(AuthenticationAlgorithm.HMAC_MD5.compute(key, data, 0, data.length))).isEqualTo(mac);
        }
    }

    private static final Rfc2104Case VECTOR_1 = Rfc2104Case.repeated(0x0b, 16, HI_THERE,
            "9294727a3638bb1c13f48ef8158bfc9d");
    private static final Rfc2104Case VECTOR_2 = new Rfc2104Case("Jefe".getBytes(StandardCharsets.US_ASCII),
            "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII), "750c783e6ab0b503eaa86e310a5db738");
    private static final Rfc2104Case VECTOR_3 = Rfc2104Case.repeated(0xaa, 16, filled(0xdd, 50),
            "56be34521d144c88dbb8c733f0e8b3f6");
    /** RFC 2104 zero-pads a short key, so the empty key is as good as any. */
    private static final Rfc2104Case EMPTY_KEY = new Rfc2104Case(new byte[0], new byte[0],
            "74e6f7298a9c2d168935f58c001bad88");

    private static byte[] filled(int octet, int length) {
        byte[] data = new byte[length];
        Arrays.fill(data, (byte) octet);
        return data;
    }

    @Test
    void hmacMd5MatchesRfc2104TestVectors() {
        VECTOR_1.check();
        VECTOR_2.check();
        VECTOR_3.check();
    }

    @Test
    void hmacMd5AcceptsAnEmptyKeyAsRfc2104ZeroPadsIt() {
        EMPTY_KEY.check();
    }

    @Test
    void keyedMd5IsMd5OfKeyDataKey() throws Exception {
        byte[] key = hex("00112233445566778899aabbccddeeff");
        byte[] concatenated = new byte[key.length + HI_THERE.length + key.length];
        System.arraycopy(key, 0, concatenated, 0, key.length);
        System.arraycopy(HI_THERE, 0, concatenated, key.length, HI_THERE.length);
        System.arraycopy(key, 0, concatenated, key.length + HI_THERE.length, key.length);
        byte[] byHand = MessageDigest.getInstance("MD5").digest(concatenated);

        byte[] computed = AuthenticationAlgorithm.KEYED_MD5.compute(key, HI_THERE, 0, HI_THERE.length);

        assertThat(computed).isEqualTo(byHand);
        // the same value computed outside Java (MD5 of key || "Hi There" || key)
        assertThat(hex(computed)).isEqualTo("c68d1a21f98e9b16590cab2627d087a9");
    }

    @Test
    void bothAlgorithmsCoverOnlyTheGivenRange() {
        byte[] key = hex("0102030405060708");
        byte[] framed = new byte[3 + HI_THERE.length + 5];
        Arrays.fill(framed, (byte) 0x55);
        System.arraycopy(HI_THERE, 0, framed, 3, HI_THERE.length);

        for (AuthenticationAlgorithm algorithm : AuthenticationAlgorithm.values()) {
            assertThat(algorithm.compute(key, framed, 3, HI_THERE.length))
                    .as(algorithm.configName())
                    .isEqualTo(algorithm.compute(key, HI_THERE, 0, HI_THERE.length))
                    .hasSize(AuthenticationAlgorithm.AUTHENTICATOR_LENGTH);
        }
    }

    @Test
    void verifyAcceptsTheRightAuthenticatorOnly() {
        byte[] key = hex("00112233445566778899aabbccddeeff");
        for (AuthenticationAlgorithm algorithm : AuthenticationAlgorithm.values()) {
            byte[] authenticator = algorithm.compute(key, HI_THERE, 0, HI_THERE.length);
            byte[] tampered = authenticator.clone();
            tampered[15] ^= 1;

            assertThat(algorithm.verify(key, HI_THERE, 0, HI_THERE.length, authenticator)).isTrue();
            assertThat(algorithm.verify(key, HI_THERE, 0, HI_THERE.length, tampered)).isFalse();
            assertThat(algorithm.verify(key, HI_THERE, 0, HI_THERE.length - 1, authenticator)).isFalse();
        }
    }

    @Test
    void keysTakenInTurnOnOneThreadEachGiveTheirOwnMac() {
        // the thread's Mac is re-keyed only when the key changes: every change must be seen,
        // also of a key array changed in place
        for (int round = 0; round < 3; round++) {
            VECTOR_1.check();
            VECTOR_2.check();
            EMPTY_KEY.check();
        }
        byte[] reused = VECTOR_1.key().clone();
        new Rfc2104Case(reused, VECTOR_1.data(), VECTOR_1.mac()).check();
        Arrays.fill(reused, (byte) 0xaa);
        new Rfc2104Case(reused, VECTOR_3.data(), VECTOR_3.mac()).check();
    }

    @Test
    void aRangeOutsideTheDataFailsAndLeavesNothingBehindForTheNextMessage() {
        byte[] key = VECTOR_1.key();
        for (AuthenticationAlgorithm algorithm : AuthenticationAlgorithm.values()) {
            byte[] expected = algorithm.compute(key, HI_THERE, 0, HI_THERE.length);

            assertThatThrownBy(() -> algorithm.compute(key, HI_THERE, 4, HI_THERE.length))
                    .isInstanceOf(RuntimeException.class);

            assertThat(algorithm.compute(key, HI_THERE, 0, HI_THERE.length)).as(algorithm.configName())
                    .isEqualTo(expected);
        }
    }

    @Test
    void threadsComputingTogetherEachGetTheRightMac() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                Rfc2104Case vector = i % 2 == 0 ? VECTOR_1 : VECTOR_2;
                results.add(pool.submit(vector::check));
            }
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void configNamesResolveBothWays() {
        assertThat(AuthenticationAlgorithm.fromConfigName(" HMAC-MD5 ")).isEqualTo(AuthenticationAlgorithm.HMAC_MD5);
        assertThat(AuthenticationAlgorithm.fromConfigName("keyed-md5")).isEqualTo(AuthenticationAlgorithm.KEYED_MD5);
        assertThatThrownBy(() -> AuthenticationAlgorithm.fromConfigName("sha1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
