package net.homeagent.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * Not a test: measures, for docs/PERFORMANCE.md and docs/storage.md, whether the journal's size
 * follows the table under sustained load. Registers N bindings, then changes the care-of address
 * of random home addresses at a fixed rate for M minutes, waiting for the disk every W changes as
 * a home agent with W requests in flight does; every 10 s it prints the folder's size per binding
 * and the checkpoints written. At the end the store is stopped and restored, and the restore timed.
 * Run from bundles/binding-store:
 * <pre>
 * mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx2g -cp target/classes:target/test-classes:$(cat target/cp.txt) net.homeagent.store.JournalSoakMeasurement \
 *     1000000 30 40000 2048
 * </pre>
 */
public final class JournalSoakMeasurement {

    private JournalSoakMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 40_000;
        int window = args.length > 3 ? Integer.parseInt(args[3]) : 2048;
        Path dir = Files.createTempDirectory("journal-soak");
        Clock clock = Clock.systemUTC();
        Random random = new Random(1);
        try {
            DurableBindingStore store = new DurableBindingStore(clock, BindingJournal.open(dir, clock));
            store.restoreFromBackup();
            for (int i = 0; i < count; i++) {
                store.register(binding(i, random, clock.instant()), false);
                if (i % window == window - 1) {
                    store.sync().toCompletableFuture().get(1, TimeUnit.MINUTES);
                }
            }
            store.sync().toCompletableFuture().get(1, TimeUnit.MINUTES);
            System.out.printf("%s registered %d; journal %.1f B/binding%n", clock.instant(), count,
                    (double) store.sizeBytes() / count);
            long start = System.nanoTime();
            long end = start + TimeUnit.MINUTES.toNanos(minutes);
            long changes = 0;
            long nextReport = start + TimeUnit.SECONDS.toNanos(10);
            double largest = 0;
            double sum = 0;
            int samples = 0;
            while (System.nanoTime() < end) {
                store.register(binding(random.nextInt(count), random, clock.instant()), false);
                changes++;
                if (changes % window == 0) {
                    store.sync().toCompletableFuture().get(1, TimeUnit.MINUTES);
                    long due = start + changes * 1_000_000_000L / rate;
                    long ahead = due - System.nanoTime();
                    if (ahead > 0) {
                        TimeUnit.NANOSECONDS.sleep(ahead);
                    }
                }
                if (System.nanoTime() >= nextReport) {
                    nextReport += TimeUnit.SECONDS.toNanos(10);
                    double perBinding = (double) store.sizeBytes() / store.size();
                    largest = Math.max(largest, perBinding);
                    sum += perBinding;
                    samples++;
                    System.out.printf("%s %6.0f s %,d changes (%,.0f/s) journal %,d B = %.1f B/binding, %d checkpoints, "
                            + "%d syncs, %d write failures%n", clock.instant(), (System.nanoTime() - start) / 1e9, changes,
                            changes / ((System.nanoTime() - start) / 1e9), store.sizeBytes(), perBinding,
                            store.checkpoints(), store.syncs(), store.writeFailures());
                }
            }
            System.out.printf("soak: %,d changes in %d min on %,d bindings: journal mean %.1f, largest %.1f B/binding "
                    + "over %d samples; %d checkpoints, %d write failures%n", changes, minutes, count, sum / samples,
                    largest, samples, store.checkpoints(), store.writeFailures());
            store.deactivate();
            System.gc();
            long restoreStart = System.nanoTime();
            DurableBindingStore restored = new DurableBindingStore(clock, BindingJournal.open(dir, clock));
            restored.restoreFromBackup();
            System.out.printf("restored %d bindings in %d ms (reading the journal included)%n",
                    restored.lastRestore().restored(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restoreStart));
            restored.deactivate();
        } finally {
            TempDirectories.delete(dir);
        }
    }

    /** Home address {@code i} at a random care-of address, a NAI on every fourth, for 1800 s. */
    private static Binding binding(int i, Random random, Instant now) {
        int careOf = 0xc6330000 + random.nextInt(1 << 16);
        return new Binding(Ipv4.of(0x0a000000 + i), Ipv4.of(careOf), Ipv4.of(0x0a000001),
                Ipv4.of(careOf), 434, i % 4 == 0 ? Optional.of("node" + i + "@example.net") : Optional.empty(),
                1800, now, now.plusSeconds(1800), i, 0, Encapsulation.IP_IN_IP, false);
    }
}
