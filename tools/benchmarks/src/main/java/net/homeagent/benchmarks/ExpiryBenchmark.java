package net.homeagent.benchmarks;

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
import org.openjdk.jmh.annotations.Warmup;

import net.homeagent.store.DurableBindingStore;
import net.homeagent.mip.api.testing.MutableClock;

/**
 * {@link DurableBindingStore#expireDue} when {@code bindings} bindings fall due in the same
 * second (RFC 5944 §3.8.3): one call, single shot, on a store refilled before each iteration.
 * ExpiryStallProbe measures what this does to registrations running meanwhile.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class ExpiryBenchmark {

    private static final int LIFETIME = 60;

    @Param({"1000000"})
    public int bindings;

    private MutableClock clock;
    private DurableBindingStore store;
    private Instant start;

    @Setup(Level.Iteration)
    public void fill() {
        start = Instant.now();
        clock = new MutableClock(start);
        store = new DurableBindingStore(clock);
        DueBindings.fill(store, bindings, start, LIFETIME);
        clock.set(start.plusSeconds(LIFETIME + 1));
    }

    @Benchmark
    public int expireAllDue() {
        int expired = store.expireDue();
        if (expired != bindings) {
            throw new IllegalStateException("expired " + expired + " of " + bindings);
        }
        return expired;
    }
}
