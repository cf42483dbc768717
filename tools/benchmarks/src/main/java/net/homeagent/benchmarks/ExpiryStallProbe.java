package net.homeagent.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.Inet4Address;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;

import net.homeagent.mip.api.RemovalReason;
import net.homeagent.store.InMemoryBindingStore;
import net.homeagent.mip.api.testing.MutableClock;

/**
 * Whether expiring a million bindings at once stalls registrations: fills the store with
 * {@code bindings} bindings due in the same second, lets one thread register other nodes in a
 * loop (as the home agent's event loop would), then expires all of them on the calling thread
 * (as the store's ticker does). Prints how long expireDue took and the longest gap between two
 * registrations that ended while it ran, against the 50 ms target.
 *
 * <pre>java -Xms3g -Xmx3g -cp tools/benchmarks/target/benchmarks.jar net.homeagent.benchmarks.ExpiryStallProbe [bindings]</pre>
 */
public final class ExpiryStallProbe {

    private static final int LIFETIME = 60;
    private static final int REGISTERING_NODES = 100_000;

    private ExpiryStallProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        int bindings = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        for (int round = 1; round <= 3; round++) {
            System.out.println(probe(bindings, round == 3 ? "measured" : "warm-up " + round));
        }
    }

    private static String probe(int bindings, String label) throws InterruptedException {
        Instant start = Instant.now();
        MutableClock clock = new MutableClock(start);
        InMemoryBindingStore store = new InMemoryBindingStore(clock);
        DueBindings.fill(store, bindings, start, LIFETIME);
        // The appliance always has listeners (statistics, data plane), so every expiry builds its
        // Binding and event as there; this one counts the expiries, as the statistics listener does.
        LongAdder heard = new LongAdder();
        store.addListener(event -> {
            if (event.reason().filter(RemovalReason.EXPIRED::equals).isPresent()) {
                heard.increment();
            }
        });
        System.gc();
        AtomicBoolean running = new AtomicBoolean(true);
        Histogram gaps = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        AtomicLongArray window = new AtomicLongArray(2);
        Thread registrar = new Thread(() -> register(store, clock, running, gaps, window), "registrar");
        registrar.start();
        Thread.sleep(1000);
        clock.set(start.plusSeconds(LIFETIME + 1));
        long[] gcBefore = gcCountAndMillis();
        long began = System.nanoTime();
        window.set(0, began);
        int expired = store.expireDue();
        long took = System.nanoTime() - began;
        window.set(1, System.nanoTime());
        long[] gcAfter = gcCountAndMillis();
        Thread.sleep(200);
        running.set(false);
        registrar.join();
        return String.format(Locale.ROOT, "%s: expireDue of %d due bindings (%d expired) took %.1f ms; "
                + "registrations meanwhile: %d, longest gap between two %.2f ms, p99.9 gap %.1f us; "
                + "%d GC pauses meanwhile, %d ms in all; %d expiries heard by the listener",
                label, bindings, expired, took / 1e6, gaps.getTotalCount(), gaps.getMaxValue() / 1e6,
                gaps.getValueAtPercentile(99.9) / 1e3, gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1], heard.sum());
    }

    private static long[] gcCountAndMillis() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    /** Registers nodes 10.200.0.0 + i in a loop; records the gaps that overlap the expiry. */
    private static void register(InMemoryBindingStore store, MutableClock clock, AtomicBoolean running,
            Histogram gaps, AtomicLongArray window) {
        Inet4Address careOf = RegistrationFixtures.address(0xc612_0002);
        long last = System.nanoTime();
        for (long i = 0; running.get(); i++) {
            Inet4Address home = RegistrationFixtures.address(0x0ac8_0000 + (int) (i % REGISTERING_NODES));
            store.register(DueBindings.binding(home, careOf, clock.instant(), 600, i), false);
            long now = System.nanoTime();
            // a gap that overlaps the expiry: it ends after expiry began and starts before it ended
            long from = window.get(0);
            long to = window.get(1);
            if (from != 0 && now >= from && (to == 0 || last <= to)) {
                gaps.recordValue(Math.min(now - last, gaps.getHighestTrackableValue()));
            }
            last = now;
        }
    }
}
