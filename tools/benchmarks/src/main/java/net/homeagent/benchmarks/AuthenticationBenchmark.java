package net.homeagent.benchmarks;

import java.security.GeneralSecurityException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import net.homeagent.mip.codec.auth.AuthenticationAlgorithm;

/**
 * HMAC-MD5 (RFC 2104) over a message of {@code length} octets: as the home agent verifies an
 * MN-HA authenticator ({@link AuthenticationAlgorithm#verify}: one {@link Mac} per thread, re-keyed
 * when the key changes), with one {@code Mac} re-keyed for every message, and from a clone of a
 * keyed {@code Mac} (the JDK's only way to start from precomputed inner and outer MD5 states).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class AuthenticationBenchmark {

    @Param({"100"})
    public int length;

    private byte[] key;
    private byte[] data;
    private byte[] authenticator;
    private Mac mac;
    private Mac keyed;

    @Setup
    public void setUp() throws GeneralSecurityException {
        SplittableRandom random = new SplittableRandom(5);
        key = new byte[16];
        data = new byte[length];
        random.nextBytes(key);
        random.nextBytes(data);
        authenticator = AuthenticationAlgorithm.HMAC_MD5.compute(key, data, 0, length);
        mac = Mac.getInstance("HmacMD5");
        keyed = Mac.getInstance("HmacMD5");
        keyed.init(new SecretKeySpec(key, "HmacMD5"));
        keyed.update(new byte[0]); // the JDK feeds the inner pad on the first update: clone after it
    }

    @Benchmark
    public boolean verifyAsTheHomeAgentDoes() {
        return AuthenticationAlgorithm.HMAC_MD5.verify(key, data, 0, length, authenticator);
    }

    @Benchmark
    public byte[] hmacMd5FromClonedKeyedMac() throws CloneNotSupportedException {
        Mac copy = (Mac) keyed.clone();
        copy.update(data, 0, length);
        return copy.doFinal();
    }

    @Benchmark
    public byte[] hmacMd5WithReusedMac() throws GeneralSecurityException {
        mac.init(new SecretKeySpec(key, "HmacMD5"));
        mac.update(data, 0, length);
        return mac.doFinal();
    }
}
