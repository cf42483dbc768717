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

    @Test
    void hmacMd5MatchesRfc2104TestVector1() {
        byte[] key = new byte[16];
        Arrays.fill(key, (byte) 0x0b);

        assertThat(hex(AuthenticationAlgorithm.HMAC_MD5.compute(key, HI_THERE, 0, HI_THERE.length)))
                .isEqualTo("9294727a3638bb1c13f48ef8158bfc9d");
    }

    @Test
    void hmacMd5MatchesRfc2104TestVector2() {
        byte[] key = "Jefe".getBytes(StandardCharsets.US_ASCII);
        byte[] data = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);

        assertThat(hex(AuthenticationAlgorithm.HMAC_MD5.compute(key, data, 0, data.length)))
                .isEqualTo("750c783e6ab0b503eaa86e310a5db738");
    }

    @Test
    void hmacMd5MatchesRfc2104TestVector3() {
        byte[] key = new byte[16];
        Arrays.fill(key, (byte) 0xaa);
        byte[] data = new byte[50];
        Arrays.fill(data, (byte) 0xdd);

        assertThat(hex(AuthenticationAlgorithm.HMAC_MD5.compute(key, data, 0, data.length)))
                .isEqualTo("56be34521d144c88dbb8c733f0e8b3f6");
    }

    @Test
    void hmacMd5AcceptsAnEmptyKeyAsRfc2104ZeroPadsIt() {
        assertThat(hex(AuthenticationAlgorithm.HMAC_MD5.compute(new byte[0], new byte[0], 0, 0)))
                .isEqualTo("74e6f7298a9c2d168935f58c001bad88");
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
        // also of a key array changed in place and of a key that is a prefix of the last one
        byte[] vector1Key = new byte[16];
        Arrays.fill(vector1Key, (byte) 0x0b);
        byte[] jefe = "Jefe".getBytes(StandardCharsets.US_ASCII);
        byte[] data = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
        byte[] reused = vector1Key.clone();
        for (int round = 0; round < 3; round++) {
            assertThat(hex(AuthenticationAlgorithm.HMAC_MD5.compute(vector1Key, HI_THERE, 0, HI_THERE.length)))
                    .isEqualTo("9294727a3638bb1c13f48ef8158bfc9d");
            assertThat(hex(AuthenticationAlgorithm.HMAC_MD5.compute(jefe, data, 0, data.length)))
                    .isEqualTo("750c783e6ab0b503eaa86e310a5db738");
            assertThat(hex(AuthenticationAlgorithm.HMAC_MD5.compute(new byte[0], new byte[0], 0, 0)))
                    .isEqualTo("74e6f7298a9c2d168935f58c001bad88");
        }
        assertThat(hex(AuthenticationAlgorithm.HMAC_MD5.compute(reused, HI_THERE, 0, HI_THERE.length)))
                .isEqualTo("9294727a3638bb1c13f48ef8158bfc9d");
        Arrays.fill(reused, (byte) 0xaa);
        byte[] dd = new byte[50];
        Arrays.fill(dd, (byte) 0xdd);
        assertThat(hex(AuthenticationAlgorithm.HMAC_MD5.compute(reused, dd, 0, dd.length)))
                .isEqualTo("56be34521d144c88dbb8c733f0e8b3f6");
    }

    @Test
    void aRangeOutsideTheDataFailsAndLeavesNothingBehindForTheNextMessage() {
        byte[] key = new byte[16];
        Arrays.fill(key, (byte) 0x0b);
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
        byte[] key = new byte[16];
        Arrays.fill(key, (byte) 0x0b);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                byte[] own = i % 2 == 0 ? key : "Jefe".getBytes(StandardCharsets.US_ASCII);
                byte[] data = i % 2 == 0 ? HI_THERE
                        : "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
                results.add(pool.submit(() -> hex(AuthenticationAlgorithm.HMAC_MD5.compute(own, data, 0, data.length))));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(i % 2 == 0 ? "9294727a3638bb1c13f48ef8158bfc9d"
                        : "750c783e6ab0b503eaa86e310a5db738");
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
