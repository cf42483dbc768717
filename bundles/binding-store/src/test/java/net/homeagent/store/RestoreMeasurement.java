package net.homeagent.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.BindingBackupStatus.RestoreCounts;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * Not a test: measures, for docs/PERFORMANCE.md, how long a store takes to write N bindings to its
 * backup (group commit, as registrations do) and to restore them at start (read the checkpoint
 * and the log, decode, register each into the table, then an ADDED event each). Run from bundles/binding-store:
 * <pre>
 * mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx2g -cp target/classes:target/test-classes:$(cat target/cp.txt) net.homeagent.store.RestoreMeasurement 1000000
 * </pre>
 */
public final class RestoreMeasurement {

    private RestoreMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("restore-measurement");
        Path folder = dir.resolve("bindings");
        Clock clock = Clock.systemUTC();
        try {
            DurableBindingStore writer = new DurableBindingStore(clock, BindingJournal.open(folder, clock));
            writer.restoreFromBackup();
            Instant now = clock.instant();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                // one binding per home address, a NAI on every fourth, as a busy home agent holds them
                Binding b = new Binding(Ipv4.of(0x0a000000 + i), Ipv4.of(0xc6330000 + (i & 0xffff)),
                        Ipv4.of(0x0a000001), Ipv4.of(0xc6330000 + (i & 0xffff)), 434,
                        i % 4 == 0 ? Optional.of("node" + i + "@example.net") : Optional.empty(), 1800, now,
                        now.plusSeconds(1800), i, 0, Encapsulation.IP_IN_IP, false);
                writer.register(b, false);
            }
            writer.sync().toCompletableFuture().get(10, TimeUnit.MINUTES);
            long written = System.nanoTime() - start;
            System.out.printf("wrote %d bindings in %d ms with %d fsyncs (%.0f changes per fsync); file %d MiB%n", count,
                    TimeUnit.NANOSECONDS.toMillis(written), writer.syncs(),
                    (double) writer.changesWritten() / writer.syncs(), writer.sizeBytes() >> 20);
            writer.deactivate();

            System.gc();
            start = System.nanoTime();
            DurableBindingStore restored = new DurableBindingStore(clock, BindingJournal.open(folder, clock));
            long[] added = {0};
            restored.addListener(event -> added[0]++);
            restored.restoreFromBackup();
            long total = System.nanoTime() - start;
            RestoreCounts counts = restored.lastRestore();
            System.out.printf("restored %d (dropped %d, failed %d, %d ADDED events) in %d ms, reading the journal "
                    + "included; journal %d MiB%n", counts.restored(), counts.dropped(), counts.failed(), added[0],
                    TimeUnit.NANOSECONDS.toMillis(total), restored.sizeBytes() >> 20);
            restored.deactivate();
        } finally {
            TempDirectories.delete(dir);
        }
    }
}
