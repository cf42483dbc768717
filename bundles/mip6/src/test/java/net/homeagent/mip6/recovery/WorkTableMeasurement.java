package net.homeagent.mip6.recovery;

import java.util.ArrayList;
import java.util.List;

import net.homeagent.mip6.Addresses;
import net.homeagent.mip6.cache.Mip6Binding;

/**
 * How long building and shuffling the work table of binding recovery takes, and what an entry
 * costs: a plain main, no timing assertion (docs/mip6.md, "Performance"). Run from bundles/mip6:
 *
 * <pre>
 * mvn -q -o test-compile &amp;&amp; java -Xmx2g -cp target/classes:target/test-classes:$(cat cp.txt) \
 *     net.homeagent.mip6.recovery.WorkTableMeasurement [entries] [prefixes] [rounds]
 * </pre>
 * (cp.txt from {@code mvn dependency:build-classpath -Dmdep.outputFile=cp.txt}).
 */
public final class WorkTableMeasurement {

    private WorkTableMeasurement() {
    }

    public static void main(String[] args) {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int prefixes = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Runtime runtime = Runtime.getRuntime();
        long before = usedAfterGc(runtime);
        List<Mip6Binding> backup = new ArrayList<>(entries);
        for (int i = 0; i < entries; i++) {
            backup.add(new Mip6Binding(Addresses.inPrefix(0x100, i), Addresses.inPrefix(1 + i % prefixes, i), i & 0xffff,
                    3600, Long.MAX_VALUE, Mip6Binding.Origin.RESTORED));
        }
        long backedUp = usedAfterGc(runtime);
        System.out.printf("%,d backed-up entries in %,d care-of prefixes: %,d bytes each as Mip6Binding records%n",
                entries, prefixes, (backedUp - before) / entries);
        RecoveryActions none = new RecoveryActions() {
            @Override
            public void sendRefreshRequest(Mip6Binding entry, int attempt) {
            }

            @Override
            public boolean deleteSilent(Mip6Binding entry) {
                return true;
            }
        };
        RecoverySettings settings = new RecoverySettings(1000, 50, 0.2, 3000, 3, 64, 64);
        BindingRecovery kept = null;
        for (int round = 1; round <= rounds; round++) {
            kept = null;
            usedAfterGc(runtime);
            long start = System.nanoTime();
            kept = BindingRecovery.start(backup, 0, settings, none, round);
            long took = System.nanoTime() - start;
            System.out.printf("round %d: work table built and shuffled in %,d ms%n", round, took / 1_000_000);
        }
        long withTable = usedAfterGc(runtime);
        System.out.printf("work table: %,d bytes per entry on top of the entries (%s)%n",
                (withTable - backedUp) / entries, kept.progress().total() == entries ? "complete" : "INCOMPLETE");
    }

    private static long usedAfterGc(Runtime runtime) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
