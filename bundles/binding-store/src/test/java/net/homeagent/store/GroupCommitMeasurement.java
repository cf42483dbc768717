package net.homeagent.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * Not a test: what the backup's group commit allows without the network in the way, for
 * docs/PERFORMANCE.md. Holds {@code nodes} bindings (written first), then for each window W
 * registers W random nodes, asks for sync() and waits for it, over and over for a few seconds: a
 * closed loop of W requests in flight where every change waits for its fsync, as the home agent's
 * replies do. Prints durable changes per second and changes per fsync. Run from bundles/binding-store:
 * <pre>
 * mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx2g -cp target/classes:target/test-classes:$(cat target/cp.txt) net.homeagent.store.GroupCommitMeasurement 100000 16 256 4096
 * </pre>
 */
public final class GroupCommitMeasurement {

    private static final long SECONDS_PER_WINDOW = 8;

    private GroupCommitMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = Integer.parseInt(args[0]);
        Path dir = Files.createTempDirectory("group-commit-measurement");
        Clock clock = Clock.systemUTC();
        SplittableRandom random = new SplittableRandom(7);
        try {
            DurableBindingStore store = new DurableBindingStore(clock,
                    BindingJournal.open(dir.resolve("bindings"), clock));
            store.restoreFromBackup();
            for (int i = 0; i < nodes; i++) {
                store.register(binding(i, i, clock.instant()), false);
            }
            store.sync().toCompletableFuture().get(10, TimeUnit.MINUTES);
            long identification = nodes;
            for (int a = 1; a < args.length; a++) {
                int window = Integer.parseInt(args[a]);
                long syncsBefore = store.syncs();
                long bytesBefore = store.sizeBytes();
                long changes = 0;
                long start = System.nanoTime();
                long end = start + TimeUnit.SECONDS.toNanos(SECONDS_PER_WINDOW);
                while (System.nanoTime() < end) {
                    for (int i = 0; i < window; i++) {
                        store.register(binding(random.nextInt(nodes), ++identification, clock.instant()), false);
                    }
                    CompletableFuture<Void> durable = store.sync().toCompletableFuture();
                    durable.get(1, TimeUnit.MINUTES);
                    changes += window;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long syncs = store.syncs() - syncsBefore;
                System.out.printf("window %5d: %,9.0f durable changes/s, %,d fsyncs (%.0f changes each), %.2f ms a group, "
                        + "%,.0f bytes written a change%n", window, changes / seconds, syncs, (double) changes / syncs,
                        seconds * 1000 / syncs, (store.sizeBytes() - bytesBefore) / (double) changes);
            }
            System.out.printf("file %d MiB%n", store.sizeBytes() >> 20);
            store.deactivate();
        } finally {
            TempDirectories.delete(dir);
        }
    }

    private static Binding binding(int node, long identification, Instant now) {
        return new Binding(Ipv4.of(0x0a80_0000 + node), Ipv4.of(0xc612_0000 + (int) (identification & 0xff)),
                Ipv4.of(0x7f00_0001), Ipv4.of(0xc000_0201), 434, Optional.empty(), 600, now,
                now.plusSeconds(600), identification, 0, Encapsulation.IP_IN_IP, false);
    }
}
