package net.homeagent.benchmarks;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import net.homeagent.mip.api.SecurityAssociation;
import net.homeagent.mip.codec.MalformedMessageException;
import net.homeagent.mip.codec.MessageSigner;
import net.homeagent.mip.codec.MipMessage;
import net.homeagent.mip.codec.RegistrationReply;
import net.homeagent.mip.codec.ext.AuthenticationExtension;

/**
 * The codec's share of a registration: decoding a Registration Request with its MN-HA
 * extension, and encoding a Registration Reply signed with HMAC-MD5 (RFC 5944 §3.4, §3.5.2) the
 * way the home agent's encoder does (the association computes the authenticator).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CodecBenchmark {

    private RegistrationFixtures fixtures;
    private byte[] requestWire;
    private RegistrationReply reply;
    private MessageSigner signer;
    private ByteBuf out;

    @Setup
    public void setUp() {
        fixtures = new RegistrationFixtures(1);
        requestWire = fixtures.request(0, RegistrationFixtures.ntp(Instant.now()), RegistrationFixtures.LIFETIME);
        SecurityAssociation sa = fixtures.associations.forHomeAddress(RegistrationFixtures.homeAddress(0), 256)
                .orElseThrow();
        reply = new RegistrationReply(0, RegistrationFixtures.LIFETIME, RegistrationFixtures.homeAddress(0),
                RegistrationFixtures.HOME_AGENT, 42, List.of(AuthenticationExtension.mobileHome(256)));
        signer = (ext, data, offset, length) -> sa.authenticate(data, offset, length);
        out = Unpooled.directBuffer(256);
    }

    @Benchmark
    public MipMessage decodeRequest() throws MalformedMessageException {
        return fixtures.codec.decode(Unpooled.wrappedBuffer(requestWire));
    }

    @Benchmark
    public int encodeSignedReply() {
        out.clear();
        fixtures.codec.encode(reply, out, signer);
        return out.writerIndex();
    }
}
