package net.homeagent.loadgen;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Mobile IPv4 registration load generator (see {@link LoadOptions#USAGE} and docs/PERFORMANCE.md):
 * writes the nodes' security associations for the appliance, runs the same loop against a UDP
 * echo (the machine's ceiling) and against the home agent, and reports both with their ratio.
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
        List<RunCounts> runs = new ArrayList<>();
        if (options.echoBaseline()) {
            runs.add(echoRun(options, nodes));
        }
        if (options.target().isPresent()) {
            runs.add(new LoadRun(options, freshNodes(options), options.target().get(), "home-agent").run());
        }
        Optional<Double> ratio = runs.size() == 2 && runs.get(0).acceptedPerSecond() > 0
                ? Optional.of(runs.get(1).acceptedPerSecond() / runs.get(0).acceptedPerSecond()) : Optional.empty();
        if (!options.json()) {
            System.out.print(RunReport.table(options, runs, ratio));
        }
        System.out.println(RunReport.json(options, runs, ratio));
    }

    private static RunCounts echoRun(LoadOptions options, MobileNodes nodes) throws InterruptedException {
        if (options.echoTarget().isPresent()) {
            InetSocketAddress echo = options.echoTarget().get();
            if (!TargetAddressCheck.isThisHost(echo.getAddress())) {
                throw new IllegalArgumentException("refusing to load " + echo + ": not an address of this host");
            }
            return new LoadRun(options, nodes, echo, "echo").run();
        }
        InetSocketAddress bindTo = new InetSocketAddress(options.target().map(InetSocketAddress::getAddress)
                .orElse(java.net.InetAddress.getLoopbackAddress()), 0);
        try (EchoServer echo = new EchoServer(bindTo)) {
            return new LoadRun(options, nodes, echo.address(), "echo").run();
        }
    }

    /** The home agent run starts from nodes without bindings, as the echo run changed their state. */
    private static MobileNodes freshNodes(LoadOptions options) {
        return new MobileNodes(options.nodes(), options.homeBase(), options.spiBase(), options.keySeed());
    }
}
