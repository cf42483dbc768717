package net.homeagent.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import org.HdrHistogram.Histogram;

import com.sun.management.GarbageCollectionNotificationInfo;

import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.codec.wire.Ipv4;
import net.homeagent.store.DurableBindingStore;
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
        DurableBindingStore store = new DurableBindingStore(clock);
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
        long[] waitedForCpu = new long[1];
        Thread registrar = new Thread(() -> waitedForCpu[0] = register(store, clock, running, gaps, window), "registrar");
        registrar.start();
        Thread.sleep(1000);
        clock.set(start.plusSeconds(LIFETIME + 1));
        long[] gcBefore = gcCountAndMillis();
        long began = System.nanoTime();
        pauses.clear();
        window.set(0, began);
        int expired = store.expireDue();
        long took = System.nanoTime() - began;
        window.set(1, System.nanoTime());
        long[] gcAfter = gcCountAndMillis();
        long longestPause = pauses.stream().mapToLong(Long::longValue).max().orElse(0);
        Thread.sleep(200);
        running.set(false);
        registrar.join();
        return String.format(Locale.ROOT, "%s: expireDue of %d due bindings (%d expired) took %.1f ms; "
                + "registrations meanwhile: %d, longest gap between two %.2f ms, p99.9 gap %.1f us, gaps over 10 ms %d; "
                + "%d GC pauses meanwhile, %d ms in all, longest %d ms; the registering thread waited %.1f ms for a CPU "
                + "(kernel run-queue delay, /proc schedstat; the machine's load, not the store); %d expiries heard "
                + "by the listener", label, bindings, expired, took / 1e6, gaps.getTotalCount(), gaps.getMaxValue() / 1e6,
                gaps.getValueAtPercentile(99.9) / 1e3, gaps.getCountBetweenValues(TimeUnit.MILLISECONDS.toNanos(10),
                        gaps.getHighestTrackableValue()),
                gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1], longestPause, waitedForCpu[0] / 1e6, heard.sum());
    }

    /** Durations (ms) of the GC pauses since the last clear, from the collectors' notifications. */
    private static final List<Long> pauses = new CopyOnWriteArrayList<>();

    static {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        pauses.add(GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                                .getGcInfo().getDuration());
                    }
                }, null, null);
            }
        }
    }

    /** This thread's time spent runnable but waiting for a CPU (ns), or 0 where /proc does not tell. */
    private static long runQueueDelayNanos() {
        try {
            return Long.parseLong(Files.readString(Path.of("/proc/thread-self/schedstat")).trim().split(" ")[1]);
        } catch (IOException | RuntimeException unavailable) {
            return 0;
        }
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

    /**
     * Registers nodes 10.200.0.0 + i in a loop; records the gaps that overlap the expiry. Returns
     * how long this thread waited for a CPU while the expiry ran.
     */
    private static long register(DurableBindingStore store, MutableClock clock, AtomicBoolean running,
            Histogram gaps, AtomicLongArray window) {
        Inet4Address careOf = Ipv4.of(0xc612_0002);
        long last = System.nanoTime();
        long delayAtStart = -1;
        long delayAtEnd = -1;
        for (long i = 0; running.get(); i++) {
            Inet4Address home = Ipv4.of(0x0ac8_0000 + (int) (i % REGISTERING_NODES));
            store.register(DueBindings.binding(home, careOf, clock.instant(), 600, i), false);
            long now = System.nanoTime();
            // a gap that overlaps the expiry: it ends after expiry began and starts before it ended
            long from = window.get(0);
            long to = window.get(1);
            if (from != 0 && now >= from && (to == 0 || last <= to)) {
                gaps.recordValue(Math.min(now - last, gaps.getHighestTrackableValue()));
                if (delayAtStart < 0) {
                    delayAtStart = runQueueDelayNanos();
                }
            } else if (to != 0 && delayAtStart >= 0 && delayAtEnd < 0) {
                delayAtEnd = runQueueDelayNanos();
            }
            last = now;
        }
        return delayAtStart < 0 || delayAtEnd < 0 ? 0 : delayAtEnd - delayAtStart;
    }
}
