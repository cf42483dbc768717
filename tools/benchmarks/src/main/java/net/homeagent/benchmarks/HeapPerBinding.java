package net.homeagent.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.netty.buffer.Unpooled;

import net.homeagent.ha.registration.RegistrationProcessor;
import net.homeagent.mip.api.InboundRegistration;
import net.homeagent.mip.codec.MalformedMessageException;
import net.homeagent.mip.codec.RegistrationRequest;
import net.homeagent.store.DurableBindingStore;

/**
 * Heap held per binding as the appliance holds it: {@code bindings} nodes register through the
 * {@link RegistrationProcessor} (decoded requests, as the codec makes them), then the retained heap
 * of the store and the processor's replay state is divided by the count (the store keeps rows of
 * primitives, not the {@code Binding} objects it was given). The security associations are created before the first measurement and
 * are not counted.
 *
 * With {@code store} as second argument it measures the store alone instead: bindings made
 * directly, which shows what the table, its indexes and the expiry wheel cost.
 *
 * <pre>java -Xms4g -Xmx4g -XX:+UseParallelGC -cp tools/benchmarks/target/benchmarks.jar net.homeagent.benchmarks.HeapPerBinding [bindings [store]]</pre>
 */
public final class HeapPerBinding {

    private HeapPerBinding() {
    }

    public static void main(String[] args) throws MalformedMessageException {
        int bindings = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        if (args.length > 1 && args[1].equals("store")) {
            storeOnly(bindings);
            return;
        }
        RegistrationFixtures fixtures = new RegistrationFixtures(bindings);
        long before = retainedHeap();
        DurableBindingStore store = new DurableBindingStore(Clock.systemUTC());
        // an hour of timestamp skew: registering a million nodes takes longer than the default 7 s
        RegistrationProcessor processor = fixtures.processor(store, Clock.systemUTC(), Duration.ofHours(1));
        long identification = RegistrationFixtures.ntp(Instant.now());
        int accepted = 0;
        for (int i = 0; i < bindings; i++) {
            byte[] wire = fixtures.request(i, identification, RegistrationFixtures.LIFETIME);
            RegistrationRequest request = (RegistrationRequest) fixtures.codec.decode(Unpooled.wrappedBuffer(wire));
            if (processor.process(new InboundRegistration(request, RegistrationFixtures.FOREIGN_AGENT,
                    RegistrationFixtures.RECEIVED_ON)).toCompletableFuture().join().reply().orElseThrow().code() == 0) {
                accepted++;
            }
        }
        long after = retainedHeap();
        System.out.printf(Locale.ROOT, "%d registrations accepted, %d bindings held; %.1f bytes of heap per binding "
                + "(the store, and the home agent's replay state and other per-node state)%n", accepted, store.size(), (after - before) / (double) store.size());
        Reference.reachabilityFence(processor);
    }

    private static void storeOnly(int bindings) {
        Instant now = Instant.now();
        long before = retainedHeap();
        DurableBindingStore store = new DurableBindingStore(Clock.systemUTC());
        DueBindings.fill(store, bindings, now, RegistrationFixtures.LIFETIME);
        long after = retainedHeap();
        System.out.printf(Locale.ROOT, "%d bindings held; %.1f bytes of heap per binding (the store alone: table, "
                + "indexes, expiry wheel)%n", store.size(), (after - before) / (double) store.size());
    }

    private static long retainedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
