package net.homeagent.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import net.homeagent.ha.registration.RegistrationProcessor;
import net.homeagent.mip.api.InboundRegistration;
import net.homeagent.mip.api.RegistrationDecision;
import net.homeagent.mip.codec.MalformedMessageException;
import net.homeagent.mip.codec.RegistrationReply;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.store.DurableBindingStore;

/**
 * One registration as the home agent's event loop handles it, without the socket: decode the
 * request, {@link RegistrationProcessor#process} (form, HMAC-MD5 MN-HA check, timestamp replay
 * check, policies, {@link DurableBindingStore#register}) and encode the signed reply.
 *
 * <p>The requests are signed once, before the trial ({@code rounds} per node, identifications
 * increasing by round, RFC 5944 §5.7.1), so that the measurement includes no client-side work
 * and {@code -prof gc} counts only the home agent's allocations; the timestamp skew is one hour
 * so that requests signed at the start are still fresh at the end. Round 0 creates the
 * bindings, later rounds renew them. An iteration that ran out of fresh requests says so at its
 * end (its figure then includes refusals and is not to be used).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class RegistrationPathBenchmark {

    @Param({"500000"})
    public int nodes;

    @Param({"4"})
    public int rounds;

    private RegistrationFixtures fixtures;
    private RegistrationProcessor processor;
    private DurableBindingStore store;
    private byte[][] wires;
    private int next;
    private long refused;
    private ByteBuf out;

    @Setup(Level.Trial)
    public void setUp() {
        fixtures = new RegistrationFixtures(nodes);
        store = new DurableBindingStore(Clock.systemUTC());
        processor = fixtures.processor(store, Clock.systemUTC(), Duration.ofHours(1));
        out = Unpooled.directBuffer(256);
        long identification = RegistrationFixtures.ntp(Instant.now());
        wires = new byte[nodes * rounds][];
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < nodes; i++) {
                wires[round * nodes + i] = fixtures.request(i, identification + round, RegistrationFixtures.LIFETIME);
            }
        }
    }

    @Benchmark
    public int registration() throws MalformedMessageException {
        byte[] wire = wires[next];
        next = next + 1 == wires.length ? 0 : next + 1;
        RegistrationRequest request = (RegistrationRequest) fixtures.codec.decode(Unpooled.wrappedBuffer(wire));
        RegistrationDecision decision = processor.process(new InboundRegistration(request,
                RegistrationFixtures.FOREIGN_AGENT, RegistrationFixtures.RECEIVED_ON)).toCompletableFuture().join();
        RegistrationReply reply = decision.reply().orElseThrow();
        if (reply.code() != 0) {
            refused++;
        }
        out.clear();
        fixtures.codec.encode(reply, out, decision.signer());
        return out.writerIndex();
    }

    @TearDown(Level.Iteration)
    public void reportRefusals() {
        if (refused > 0) {
            System.out.println("\nWARNING: " + refused + " requests refused in this iteration (ran out of fresh"
                    + " requests? raise -p rounds): the figure is not a registration rate");
            refused = 0;
        }
    }
}
