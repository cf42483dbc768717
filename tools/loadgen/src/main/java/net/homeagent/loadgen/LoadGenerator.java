package net.homeagent.loadgen;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.homeagent.mip.codec.wire.Ipv4;

/**
 * Mobile IPv4 registration load generator (see {@link LoadOptions#USAGE} and docs/PERFORMANCE.md):
 * writes the nodes' security associations for the appliance, runs the same loop against a UDP
 * echo with the home agent's transport settings in a process of its own ({@link EchoBaseline}:
 * the machine's ceiling) and against the home agent, and reports both with their ratio and the
 * facts of the machine ({@link RunFacts});
 * keeps a ledger of what the home agent acknowledged, and checks a binding snapshot against one.
 */
public final class LoadGenerator {

    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || java.util.Arrays.asList(args).contains("--help")) {
            System.out.print(LoadOptions.USAGE);
            return;
        }
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.verifyLedger().isPresent()) {
            System.exit(verify(options.verifyLedger().get(), options.snapshot().orElseThrow()));
            return;
        }
        MobileNodes nodes = new MobileNodes(options.nodes(), options.homeBase(), options.spiBase(), options.keySeed());
        if (options.saFile().isPresent()) {
            SecurityAssociationFileWriter.write(nodes, options.saFile().get());
            System.err.println("wrote " + nodes.count() + " security associations to " + options.saFile().get());
        }
        if (!options.runsLoad()) {
            return;
        }
        for (InetSocketAddress target : options.target().map(List::of).orElse(List.of())) {
            if (!TargetAddressCheck.isThisHost(target.getAddress())) {
                System.err.println("refusing to load " + target + ": not a loopback or local address of this host");
                System.exit(2);
            }
        }
        RunFacts facts = RunFacts.before(options.appliancePid());
        List<RunCounts> runs = new ArrayList<>();
        if (options.echoBaseline()) {
            runs.add(echoRun(options, nodes, facts));
        }
        if (options.target().isPresent()) {
            runs.add(homeAgentRun(options));
        }
        facts = facts.after();
        Optional<Double> ratio = runs.size() == 2 && runs.get(0).acceptedPerSecond() > 0
                ? Optional.of(runs.get(1).acceptedPerSecond() / runs.get(0).acceptedPerSecond()) : Optional.empty();
        if (!options.json()) {
            System.out.print(RunReport.table(options, facts, runs, ratio));
        }
        System.out.println(RunReport.json(options, facts, runs, ratio));
        List<String> failures = failures(runs);
        failures.forEach(System.err::println);
        if (!failures.isEmpty()) {
            System.exit(1);
        }
    }

    /** What makes a run's figures worthless: a "home agent" that sends the requests back. */
    static List<String> failures(List<RunCounts> runs) {
        return runs.stream().filter(r -> r.echoes > 0)
                .map(r -> r.name + ": " + r.echoes + " requests came back unchanged: the target echoes requests: not a"
                        + " home agent")
                .toList();
    }

    /**
     * The baseline: the same loop against an external echo, or against {@link EchoBaseline} in a
     * process of its own on the appliance's cores when they are known.
     */
    private static RunCounts echoRun(LoadOptions options, MobileNodes nodes, RunFacts facts) throws Exception {
        AcknowledgementLedger scratch = new AcknowledgementLedger(nodes.count());
        if (options.echoTarget().isPresent()) {
            InetSocketAddress echo = options.echoTarget().get();
            if (!TargetAddressCheck.isThisHost(echo.getAddress())) {
                throw new IllegalArgumentException("refusing to load " + echo + ": not an address of this host");
            }
            RunCounts counts = new LoadRun(options, nodes, scratch, echo, LoadRun.Against.ECHO).run();
            counts.target = "external echo " + echo.getAddress().getHostAddress() + ":" + echo.getPort();
            return counts;
        }
        InetAddress bindTo = options.target().map(InetSocketAddress::getAddress).orElse(InetAddress.getLoopbackAddress());
        // the appliance's eventLoops = 0 is one loop per core it may run on (the JVM counts its affinity)
        int eventLoops = options.echoEventLoops() > 0 ? options.echoEventLoops()
                : facts.applianceCpus().map(cpus -> RunFacts.cpuSet(cpus).cardinality())
                        .orElse(Runtime.getRuntime().availableProcessors());
        try (EchoBaselineProcess echo = new EchoBaselineProcess(bindTo, eventLoops, options.echoBatch(),
                facts.applianceCpus())) {
            Optional<Duration> cpuBefore = echo.cpuTime();
            RunCounts counts = new LoadRun(options, nodes, scratch, echo.address(), LoadRun.Against.ECHO).run();
            counts.target = echo.description();
            counts.targetCpuNanos = cpuBetween(cpuBefore, echo.cpuTime());
            return counts;
        }
    }

    private static long cpuBetween(Optional<Duration> before, Optional<Duration> after) {
        return before.isPresent() && after.isPresent() ? after.get().minus(before.get()).toNanos() : -1;
    }

    /** The run against the home agent: from fresh nodes or an earlier ledger, to a new ledger if asked. */
    private static RunCounts homeAgentRun(LoadOptions options) throws Exception {
        MobileNodes nodes = freshNodes(options);
        int homeBase = Ipv4.toInt(options.homeBase());
        AcknowledgementLedger ledger = new AcknowledgementLedger(nodes.count());
        if (options.fromLedger().isPresent()) {
            LedgerFile.Contents earlier = LedgerFile.read(options.fromLedger().get());
            if (earlier.homeBase() != homeBase || earlier.ledger().nodes() != nodes.count()) {
                throw new IllegalArgumentException(options.fromLedger().get() + " is a ledger of "
                        + earlier.ledger().nodes() + " nodes from " + Ipv4.of(earlier.homeBase())
                        .getHostAddress() + ", not of --nodes " + nodes.count() + " --home-base "
                        + options.homeBase().getHostAddress());
            }
            ledger = earlier.ledger();
            nodes.continueFrom(earlier.careOfGenerations());
        }
        LoadRun run = new LoadRun(options, nodes, ledger, options.target().get(), LoadRun.Against.HOME_AGENT);
        Optional<ProcessHandle> appliance = options.appliancePid().flatMap(ProcessHandle::of);
        Optional<Duration> cpuBefore = appliance.flatMap(p -> p.info().totalCpuDuration());
        RunCounts counts = run.run();
        counts.target = options.target().get().getAddress().getHostAddress() + ":" + options.target().get().getPort();
        counts.targetCpuNanos = cpuBetween(cpuBefore, appliance.flatMap(p -> p.info().totalCpuDuration()));
        if (run.acceptedAtEpochMillis() != 0) {
            System.err.println("accepted at epoch-ms " + run.acceptedAtEpochMillis());
        }
        if (options.ledger().isPresent()) {
            LedgerFile.write(options.ledger().get(), homeBase, ledger, nodes.careOfGenerations());
            System.err.println("wrote ledger " + options.ledger().get() + ": " + ledger.summary());
        }
        return counts;
    }

    /** {@code --verify-ledger}: 0 when the snapshot is what the ledger allows, 1 if not. */
    private static int verify(Path ledgerFile, Path snapshotFile) throws IOException {
        LedgerFile.Contents ledger = LedgerFile.read(ledgerFile);
        BindingSnapshot snapshot = BindingSnapshot.read(snapshotFile);
        LedgerVerifier.Verdict verdict = LedgerVerifier.verify(ledger.homeBase(), ledger.ledger(), snapshot);
        System.out.print(verdict.report());
        return verdict.passed() ? 0 : 1;
    }

    /** The home agent run starts from nodes without bindings, as the echo run changed their state. */
    private static MobileNodes freshNodes(LoadOptions options) {
        return new MobileNodes(options.nodes(), options.homeBase(), options.spiBase(), options.keySeed());
    }
}
