package net.homeagent.mip.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over whole UDP payloads on the Mobile IP port: registration requests and replies with
 * their extensions and authenticators, RFC 3519 Tunnel Data and UDP tunnel extensions, anything
 * else. A plain test run replays the inputs in {@code MipCodecFuzzTestInputs/decode} (the seeds of
 * {@link SeedDatagrams} and every finding, kept with its fix); {@code JAZZER_FUZZ=1} fuzzes
 * (tools/fuzz/run-fuzz.sh, docs/fuzzing.md).
 */
class MipCodecFuzzTest {
    private static final DecodeOracle ORACLE = new DecodeOracle(MipCodec.standard());

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] datagram) {
        ORACLE.check(datagram);
    }
}
