package net.homeagent.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * What a figure needs beside it to be compared with another machine's (issue 17): the CPU model,
 * the cores, the JDK, the load average before and after the runs, and whether the load
 * generator and the appliance had cores of their own. The load generator does not pin anything:
 * whoever starts it and the appliance does (taskset); this reads the cores each may run on
 * ({@code Cpus_allowed_list} in /proc/PID/status). Linux facts: elsewhere "unknown".
 */
record RunFacts(String cpuModel, int cores, String jdk, String loadBefore, String loadAfter, String generatorCpus,
        Optional<String> applianceCpus, String pinning, String clientTransport) {

    /** Fewer cores than this leave nothing to pin: one each for the two would starve the kernel and the rest. */
    static final int CORES_TO_PIN = 4;
    private static final String UNKNOWN = "unknown";

    /** The facts known before the runs; {@link #after} adds the load average at the end. */
    static RunFacts before(Optional<Long> appliancePid) {
        int cores = Runtime.getRuntime().availableProcessors();
        String generatorCpus = allowedCpus("self").orElse(UNKNOWN);
        Optional<String> applianceCpus = appliancePid.flatMap(pid -> allowedCpus(Long.toString(pid)));
        return new RunFacts(readCpuModel(), cores, System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version"), readLoadAverage(), "", generatorCpus, applianceCpus,
                pinning(onlineCores(), generatorCpus, applianceCpus), LoadRun.BATCHED
                        ? "epoll, recvmmsg and sendmmsg batches" : "NIO, one datagram a system call (no native epoll)");
    }

    RunFacts after() {
        return new RunFacts(cpuModel, cores, jdk, loadBefore, readLoadAverage(), generatorCpus, applianceCpus, pinning,
                clientTransport);
    }

    /** Whether the generator and the appliance ran on cores of their own, and if not why. */
    static String pinning(int onlineCores, String generatorCpus, Optional<String> applianceCpus) {
        if (onlineCores < CORES_TO_PIN) {
            return "not pinned: " + onlineCores + " cores are too few to give the generator and the appliance"
                    + " cores of their own";
        }
        if (applianceCpus.isEmpty() || generatorCpus.equals(UNKNOWN)) {
            return "unknown: the appliance's cores are not known (--appliance-pid)";
        }
        BitSet generator = cpuSet(generatorCpus);
        boolean separate = !generator.intersects(cpuSet(applianceCpus.get()));
        return (separate ? "pinned: generator on " : "not pinned: generator on ") + generatorCpus + ", appliance on "
                + applianceCpus.get();
    }

    /** "0-2,5" as a set of core numbers. */
    static BitSet cpuSet(String list) {
        BitSet set = new BitSet();
        for (String part : list.trim().split(",")) {
            String[] range = part.split("-");
            int from = Integer.parseInt(range[0].trim());
            set.set(from, Integer.parseInt(range[range.length - 1].trim()) + 1);
        }
        return set;
    }

    private static int onlineCores() {
        try {
            return cpuSet(Files.readString(Path.of("/sys/devices/system/cpu/online"))).cardinality();
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    private static String readCpuModel() {
        return lines("/proc/cpuinfo").stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(UNKNOWN);
    }

    /** The 1, 5 and 15 minute load averages. */
    private static String readLoadAverage() {
        List<String> lines = lines("/proc/loadavg");
        if (lines.isEmpty()) {
            return UNKNOWN;
        }
        String[] fields = lines.get(0).split(" ");
        return fields.length < 3 ? UNKNOWN : fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static Optional<String> allowedCpus(String process) {
        return lines("/proc/" + process + "/status").stream().filter(l -> l.startsWith("Cpus_allowed_list:"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim());
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }
}
