package net.homeagent.ha.security;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import net.homeagent.mip.codec.wire.Ipv4;

/**
 * Not a test: measures, for docs/PERFORMANCE.md, how long the home agent takes to load a mobility
 * security associations file of N lines, as at a restart: the first load runs in a fresh JVM
 * (nothing compiled yet, as in the appliance), the next ones show the same work once compiled.
 * Without a file it writes one like the load generator's {@code --write-sa-file}: one association
 * a home address from 10.128.0.0, hmac-md5, a 128-bit hex key, timestamp. Run from bundles/home-agent:
 * <pre>
 * mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx2g -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     net.homeagent.ha.security.SecurityAssociationLoadMeasurement 1000000 [file]
 * </pre>
 */
public final class SecurityAssociationLoadMeasurement {

    private static final int LOADS = 5;

    private SecurityAssociationLoadMeasurement() {
    }

    public static void main(String[] args) throws IOException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("sa-load-measurement");
        Path file = args.length > 1 ? Path.of(args[1]) : write(dir.resolve("mobility-security.conf"), count);
        try {
            System.out.printf("%s: %d MiB, %d cores, JDK %s%n", file, Files.size(file) >> 20,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
            SecurityAssociationFile loaded = null;
            for (int i = 1; i <= LOADS; i++) {
                loaded = null; // the previous load is garbage before the next one, as at a reload
                long start = System.nanoTime();
                loaded = new SecurityAssociationFile(file, Clock.systemUTC(), false);
                long took = System.nanoTime() - start;
                System.out.printf("load %d: %d problems in %d ms (%d ms of GC so far)%n", i, loaded.loadErrors(),
                        TimeUnit.NANOSECONDS.toMillis(took), gcMillis());
            }
            System.gc();
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            System.out.printf("%d associations; heap in use after a full GC, the last load held: %d MiB%n",
                    loaded.describeAll().size(), heap.getUsed() >> 20);
        } finally {
            Files.deleteIfExists(dir.resolve("mobility-security.conf"));
            Files.delete(dir);
        }
    }

    private static Path write(Path file, int count) throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        byte[] key = new byte[16];
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("# written by SecurityAssociationLoadMeasurement: test keys\n");
            for (int i = 0; i < count; i++) {
                for (int k = 0; k < key.length; k++) {
                    key[k] = (byte) random.nextInt(256);
                }
                out.write(Ipv4.of(0x0a80_0000 + i).getHostAddress() + " " + (256 + i) + " hmac-md5 0x"
                        + HexFormat.of().formatHex(key) + " timestamp\n");
            }
        }
        return file;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(gc -> Math.max(0, gc.getCollectionTime()))
                .sum();
    }
}
