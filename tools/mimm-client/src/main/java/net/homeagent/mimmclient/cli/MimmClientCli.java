package net.homeagent.mimmclient.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import net.homeagent.mip.codec.mimm.HandoffAdvice;
import net.homeagent.mip.codec.mimm.LinkType;
import net.homeagent.mimmclient.Counters;
import net.homeagent.mimmclient.RateLimitedLog;
import net.homeagent.mimmclient.cli.Options.UsageException;
import net.homeagent.mimmclient.homeagent.HomeAgentAdvisor;
import net.homeagent.mimmclient.homeagent.MobileKeyFile;
import net.homeagent.mimmclient.homeagent.MobileNodeKey;
import net.homeagent.mimmclient.homeagent.ReactiveAdviceListener;
import net.homeagent.mimmclient.homeagent.ReactiveInbox;
import net.homeagent.mimmclient.manager.ReactiveAdvice;
import net.homeagent.mimmclient.homeagent.RegistrationExchange;
import net.homeagent.mimmclient.manager.AdvisorAnswer;
import net.homeagent.mimmclient.manager.HandoffQuestion;
import net.homeagent.mimmclient.homeagent.HomeAgentRegistrar;
import net.homeagent.mimmclient.homeagent.IpRoutes;
import net.homeagent.mimmclient.manager.CandidateWeights;
import net.homeagent.mimmclient.manager.LinkProfile;
import net.homeagent.mimmclient.manager.LinkProfileFile;
import net.homeagent.mimmclient.manager.ManagerConfig;
import net.homeagent.mimmclient.manager.MobileIpRegistrar;
import net.homeagent.mimmclient.manager.MobilityManager;
import net.homeagent.mimmclient.manager.Thresholds;
import net.homeagent.mimmclient.monitor.LinkSample;
import net.homeagent.mimmclient.monitor.LinuxInterfaceMonitor;
import net.homeagent.mimmclient.monitor.Observation;
import net.homeagent.mimmclient.monitor.Trace;
import net.homeagent.mimmclient.monitor.TraceFile;
import net.homeagent.mimmclient.signal.Averaging;
import net.homeagent.mimmclient.simulation.HandoffComparison;
import net.homeagent.mimmclient.simulation.RunFigures;
import net.homeagent.mimmclient.simulation.SyntheticTraces;

/**
 * {@code java -jar homeagent-mimm-client.jar simulate|monitor|advise|run|listen [options]} (docs/mimm.md
 * "Client"). Exit status: 0 done (advise: go), 2 advise: not now or no, 3 advise: no advice,
 * 64 a mistake in the command line (the message says which), 74 an input file that cannot be read.
 */
public final class MimmClientCli {

    static final int OK = 0;
    static final int REFUSED = 2;
    static final int NO_ADVICE = 3;
    static final int USAGE = 64;
    static final int IO_ERROR = 74;
    /** How long a signal waits for `run` to deregister before the JVM exits anyway (three timeouts of 1 s fit). */
    private static final long STOP_GRACE_S = 10;

    private static final String USAGE_TEXT = """
            usage: java -jar homeagent-mimm-client.jar <command> [options]   (--help after a command for its options)
              simulate   five thresholds on the averaged signal against one threshold on the raw signal, over
                         synthetic traces (or a recorded one): handoffs, ping-pongs, time on an inactive link
              monitor    print link state and signal of interfaces from /sys/class/net and /proc/net/wireless
              advise     send a Request Handoff to the home agent and print the Handoff Advice
              run        the mobility manager on this host's links: monitor, decide, ask the advisor, register,
                         move the default route
              listen     receive reactive advice for one or more mobiles of this host: check, ack, print; pull
            """;

    private static final String SIMULATE_HELP = """
            usage: simulate [--runs 20] [--seed 1] [--samples 2400] [--thresholds available,active,stable,deteriorating,inactive]
                            [--averaging moving:<window>|exponential:<alpha>] [--single-threshold <dBm>]
                            [--trace <csv>] [--write-trace <csv>]
              synthetic traces: one sample every 250 ms on wlan0 (preferred) and wwan0, seeds seed..seed+runs-1
              --trace          a recorded trace instead (time_ms,interface,signal_dbm,up; interfaces wlan0 and wwan0)
              --write-trace    also write the first synthetic trace there, in the same format
              defaults: thresholds %s, averaging %s, single threshold %d dBm
            """.formatted(HandoffComparison.THRESHOLDS, HandoffComparison.AVERAGING, HandoffComparison.SINGLE_THRESHOLD);

    private static final String MONITOR_HELP = """
            usage: monitor --interfaces <if>[,<if>...] [--count 1] [--interval-ms 1000]
                           [--sys /sys/class/net] [--wireless /proc/net/wireless]
              prints one CSV line per interface and sample (time_ms,interface,signal_dbm,up): a recorded trace
            """;

    private static final String ADVISE_HELP = """
            usage: advise --home-agent <ip> --home <ip> --spi <n> --key <hex> --care-of <ip> --network <id>
                          [--port 434] [--current <id>] [--signal -70] [--link wlan] [--sessions 0] [--kbps 0]
                          [--lifetime 600] [--timeout-ms 1000] [--attempts 3]
              sends a Registration Request from the care-of address with the Request Handoff for network <id>,
              signed with the MN-HA key (HMAC-MD5), and prints the authenticated Handoff Advice.
              A go registers the care-of address (merged mode). Exit: 0 go, 2 not now / no, 3 no advice
            """;

    private static final String RUN_HELP = """
            usage: run --links <file> --home-agent <ip> --home <ip> --spi <n> --key <hex>
                       [--port 434] [--lifetime 600] [--timeout-ms 1000] [--attempts 3]
                       [--thresholds available,active,stable,deteriorating,inactive] [--averaging moving:8]
                       [--margin 0.05] [--failed-hold-s 10] [--sessions 0] [--kbps 0]
                       [--weights 3,1,1,0.5,1,2[:ethernet,wlan,cellular,satellite]]
                       [--interval-ms 1000] [--count 0] [--routes ip|print] [--sys /sys/class/net]
                       [--wireless /proc/net/wireless] [--advice-port <port>] [--advisor-port 10434]
              every interval: the links' state and signal -> the mobility manager -> make-before-break handoffs,
              each asked of the advisor (Request Handoff from the target's care-of address), printed one a line
              --weights  the candidate choice: signal,type,bitrate,power,cost,preference[:type order]
              --links    one link a line: <iface> <type> <network> <care-of> <gateway|-> <kbit/s> <mW> <cost/MB> <preference>
              --count    samples to take, 0 = until stopped; stopped by SIGTERM / SIGINT, run deregisters
                         (lifetime 0, RFC 5944 §3.6.1.2) from the link in use; after --count samples it does not
              --routes   ip: run ip link / ip route replace (needs CAP_NET_ADMIN); print: print those commands instead
              --advice-port  receive reactive advice on this UDP port (every address): the manager avoids the network
            """;

    private static final String LISTEN_HELP = """
            usage: listen --home-agent <ip> (--mobiles <file> | --home <ip> --spi <n> --key <hex>)
                          [--advisor-port 10434] [--bind 0.0.0.0] [--port 10434] [--pull true] [--tolerance-s 7]
                          [--count 0] [--duration-s 0]
              receives reactive advice on <bind>:<port> for the mobiles given, checks each (MN-HA authenticator,
              identification new and near our clock), acks it to the advisor and prints one line:
                <epoch ms> advice <home> network <id> reason <reason> expiry <s|-1> alternative <id|-> pushed|pulled
                <epoch ms> nothing <home>                     (a pull answered: no alert for its network)
              --mobiles  one mobile a line: <home> <spi> <hex key>
              --pull     true: first ask the advisor (pull) once for every mobile
              --count    stop after that many lines, --duration-s after that long (0 = until stopped)
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    MimmClientCli(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    public static void main(String[] args) {
        System.exit(new MimmClientCli(System.out, System.err, Clock.systemUTC()).run(args));
    }

    int run(String... args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).print(USAGE_TEXT);
            return args.length == 0 ? USAGE : OK;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "simulate" -> simulate(rest);
                case "monitor" -> monitor(rest);
                case "advise" -> advise(rest);
                case "run" -> run(rest);
                case "listen" -> listen(rest);
                default -> throw new UsageException("unknown command '" + args[0] + "'\n" + USAGE_TEXT.strip());
            };
        } catch (UsageException e) {
            err.println("mimm-client: " + e.getMessage());
            return USAGE;
        } catch (IOException e) {
            err.println("mimm-client: " + e.getMessage());
            return IO_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return IO_ERROR;
        }
    }

    private int simulate(List<String> args) throws UsageException, IOException {
        Options options = new Options(args, Set.of("runs", "seed", "samples", "thresholds", "averaging",
                "single-threshold", "trace", "write-trace"));
        if (options.help()) {
            out.print(SIMULATE_HELP);
            return OK;
        }
        int runs = (int) options.number("runs", 20, 1, 100_000);
        long seed = options.number("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        int samples = (int) options.number("samples", 2_400, 1, 10_000_000);
        Thresholds thresholds = options.parsed("thresholds", Thresholds::parse).orElse(HandoffComparison.THRESHOLDS);
        Averaging averaging = options.parsed("averaging", Averaging::parse).orElse(HandoffComparison.AVERAGING);
        int single = (int) options.number("single-threshold", thresholds.active(), -128, 127);
        HandoffComparison comparison = new HandoffComparison(HandoffComparison.fiveThreshold(thresholds, averaging),
                HandoffComparison.singleThreshold(single));
        Optional<String> recorded = options.text("trace");
        Optional<String> write = options.text("write-trace");
        if (recorded.isPresent() && write.isPresent()) {
            throw new UsageException("--trace and --write-trace do not go together");
        }
        quietTransitions();
        HandoffComparison.Result result;
        String source;
        if (recorded.isPresent()) {
            Counters counters = new Counters();
            Trace trace = new TraceFile(counters, new RateLimitedLog(System.getLogger("mimm-client"), clock))
                    .read(Files.readAllLines(Path.of(recorded.get()), StandardCharsets.UTF_8));
            if (trace.observations().isEmpty()) {
                throw new UsageException("--trace " + recorded.get() + " has no sample (" + trace.malformedLines()
                        + " malformed lines)");
            }
            result = comparison.recorded(trace);
            source = "recorded trace " + recorded.get() + " (" + trace.observations().size() + " samples, "
                    + trace.malformedLines() + " malformed lines skipped)";
        } else {
            if (write.isPresent()) {
                Trace first = new SyntheticTraces(HandoffComparison.MODELS, HandoffComparison.INTERVAL_MILLIS)
                        .generate(seed, samples);
                try (Writer writer = Files.newBufferedWriter(Path.of(write.get()), StandardCharsets.UTF_8)) {
                    TraceFile.write(first, writer);
                }
            }
            result = comparison.synthetic(runs, seed, samples);
            source = runs + " synthetic traces of " + samples + " samples (" + HandoffComparison.INTERVAL_MILLIS
                    + " ms), seeds " + seed + ".." + (seed + runs - 1);
        }
        double hours = result.fiveThreshold().samples() * HandoffComparison.INTERVAL_MILLIS / 3_600_000.0;
        out.println(source);
        out.printf(Locale.ROOT, "%-52s %9s %9s %11s %10s %8s%n", "manager", "handoffs", "per hour", "ping-pongs",
                "inactive", "longest");
        row("five thresholds, " + averaging + " (" + thresholds.inactive() + " dBm inactive)", result.fiveThreshold(),
                hours);
        row("single threshold " + single + " dBm, raw signal", result.singleThreshold(), hours);
        out.printf(Locale.ROOT, "handoffs, five thresholds / single threshold: %.3f%n", result.handoffRatio());
        out.println("inactive: samples on a link down or below " + thresholds.inactive()
                + " dBm raw while another was not; longest: the most in a row; ping-pong: back within "
                + HandoffComparison.PING_PONG_WINDOW.toSeconds() + " s");
        return OK;
    }

    private void row(String name, RunFigures figures, double hours) {
        out.printf(Locale.ROOT, "%-52s %9d %9.1f %11d %10d %8d%n", name, figures.handoffs(), figures.handoffs() / hours,
                figures.pingPongs(), figures.inactiveSamples(), figures.longestInactiveRun());
    }

    private int monitor(List<String> args) throws UsageException, InterruptedException {
        Options options = new Options(args, Set.of("interfaces", "count", "interval-ms", "sys", "wireless"));
        if (options.help()) {
            out.print(MONITOR_HELP);
            return OK;
        }
        List<String> interfaces = Arrays.stream(options.required("interfaces").split(","))
                .map(String::strip).filter(name -> !name.isEmpty()).toList();
        if (interfaces.isEmpty()) {
            throw new UsageException("--interfaces names no interface");
        }
        long count = options.number("count", 1, 1, Long.MAX_VALUE);
        long interval = options.number("interval-ms", 1000, 1, 3_600_000);
        Counters counters = new Counters();
        LinuxInterfaceMonitor monitor = new LinuxInterfaceMonitor(Path.of(options.text("sys").orElse("/sys/class/net")),
                Path.of(options.text("wireless").orElse("/proc/net/wireless")), interfaces, clock, counters,
                new RateLimitedLog(System.getLogger("mimm-client"), clock));
        out.println(TraceFile.HEADER);
        long start = -1;
        for (long i = 0; i < count; i++) {
            if (i > 0) {
                Thread.sleep(interval);
            }
            Observation observation = monitor.observe();
            if (start < 0) {
                start = observation.time().toEpochMilli();
            }
            for (LinkSample sample : observation.links()) {
                out.println((observation.time().toEpochMilli() - start) + "," + sample.iface() + ","
                        + sample.signalDbm() + "," + (sample.up() ? 1 : 0));
            }
        }
        counters.snapshot().forEach((key, value) -> err.println("# " + key + " " + value));
        return OK;
    }

    private int advise(List<String> args) throws UsageException, InterruptedException {
        Options options = new Options(args, union(HOME_AGENT_OPTIONS, "care-of", "network", "current", "signal", "link",
                "sessions", "kbps"));
        if (options.help()) {
            out.print(ADVISE_HELP);
            return OK;
        }
        Counters counters = new Counters();
        try (RegistrationExchange exchange = exchange(options, counters)) {
            LinkType link = options.parsed("link", label -> LinkType.ofLabel(label).orElseThrow(() ->
                    new IllegalArgumentException("'" + label + "' is not one of unknown, wlan, cellular, ethernet, "
                            + "satellite"))).orElse(LinkType.WLAN);
            Inet4Address careOf = options.address("care-of");
            options.required("network");
            int network = (int) options.number("network", 0, 1, 65535);
            LinkProfile target = new LinkProfile("target", link, network, 0, 0, 0, 0, careOf, Optional.empty());
            int current = (int) options.number("current", 0, 0, 65535);
            int signal = (int) options.number("signal", -70, -128, 127);
            int sessions = (int) options.number("sessions", 0, 0, 65535);
            long kbps = options.number("kbps", 0, 0, 0xffff_ffffL);
            int lifetime = (int) options.number("lifetime", 600, 1, 65534);
            AdvisorAnswer answer = new HomeAgentAdvisor(exchange, lifetime, counters)
                    .ask(new HandoffQuestion(target, current, signal, sessions, kbps));
            counters.snapshot().forEach((name, value) -> err.println("# " + name + " " + value));
            if (answer instanceof AdvisorAnswer.Advised advised) {
                HandoffAdvice advice = advised.advice();
                out.println("advice " + advice.verdict() + " reason " + advice.reason() + " hold " + advice.holdSeconds()
                        + " s target " + advice.targetNetwork() + " alternatives " + advice.alternatives()
                        + (advice.completed() ? " registered" : ""));
                return advice.verdict() == HandoffAdvice.Verdict.GO ? OK : REFUSED;
            }
            out.println("no advice: " + ((AdvisorAnswer.NoAdvice) answer).why());
            return NO_ADVICE;
        }
    }

    private int run(List<String> args) throws UsageException, IOException, InterruptedException {
        Options options = new Options(args, union(HOME_AGENT_OPTIONS, "links", "thresholds", "averaging", "margin",
                "failed-hold-s", "sessions", "kbps", "interval-ms", "count", "routes", "sys", "wireless", "advice-port",
                "advisor-port", "weights"));
        if (options.help()) {
            out.print(RUN_HELP);
            return OK;
        }
        List<String> lines = Files.readAllLines(Path.of(options.required("links")), StandardCharsets.UTF_8);
        List<LinkProfile> links = options.parsed("links", file -> LinkProfileFile.parse(lines)).orElseThrow();
        Thresholds thresholds = options.parsed("thresholds", Thresholds::parse).orElse(HandoffComparison.THRESHOLDS);
        Averaging averaging = options.parsed("averaging", Averaging::parse).orElse(HandoffComparison.AVERAGING);
        double margin = options.parsed("margin", Double::parseDouble).orElse(HandoffComparison.BETTER_MARGIN);
        CandidateWeights weights = options.parsed("weights", CandidateWeights::parse).orElse(CandidateWeights.DEFAULT);
        Duration failedHold = Duration.ofSeconds(options.number("failed-hold-s",
                HandoffComparison.FAILED_LINK_HOLD.toSeconds(), 0, 86_400));
        int sessions = (int) options.number("sessions", 0, 0, 65535);
        long kbps = options.number("kbps", 0, 0, 0xffff_ffffL);
        int lifetime = (int) options.number("lifetime", 600, 1, 65534);
        ManagerConfig config;
        try {
            // renew at half the lifetime asked: room for the retransmissions of a lossy link
            config = new ManagerConfig(thresholds, averaging, weights, margin, failedHold,
                    Duration.ofSeconds(Math.max(1, lifetime / 2)), sessions, kbps);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--margin: " + e.getMessage());
        }
        long interval = options.number("interval-ms", 1000, 1, 3_600_000);
        long count = options.number("count", 0, 0, Long.MAX_VALUE);
        String routesMode = options.text("routes").orElse("ip");
        IpRoutes routes = switch (routesMode) {
            case "ip" -> new IpRoutes(IpRoutes.PROCESS);
            case "print" -> new IpRoutes(command -> {
                out.println("# " + String.join(" ", command));
                return 0;
            });
            default -> throw new UsageException("--routes is ip or print, not '" + routesMode + "'");
        };
        Counters counters = new Counters();
        RateLimitedLog log = new RateLimitedLog(System.getLogger("mimm-client"), clock);
        LinuxInterfaceMonitor monitor = new LinuxInterfaceMonitor(Path.of(options.text("sys").orElse("/sys/class/net")),
                Path.of(options.text("wireless").orElse("/proc/net/wireless")),
                links.stream().map(LinkProfile::iface).toList(), clock, counters, log);
        Queue<ReactiveAdvice> advised = new ConcurrentLinkedQueue<>();
        // SIGTERM / SIGINT: the loop ends at its next wait, deregisters, and only then lets the JVM exit
        CountDownLatch stopRequested = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Thread stopper = new Thread(() -> {
            stopRequested.countDown();
            try {
                finished.await(STOP_GRACE_S, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mimm-client-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try (RegistrationExchange exchange = exchange(options, counters);
                ReactiveAdviceListener listener = adviceListener(options, exchange.node(), advised, counters)) {
            HomeAgentRegistrar registrar = new HomeAgentRegistrar(exchange, lifetime);
            MobilityManager manager = new MobilityManager(config, links, new HomeAgentAdvisor(exchange, lifetime,
                    counters), registrar, routes, counters);
            for (long i = 0; count == 0 || i < count; i++) {
                if (i > 0 && stopRequested.await(interval, TimeUnit.MILLISECONDS)) {
                    break;
                }
                // the listener's thread only queues: the manager is driven from this thread alone
                for (ReactiveAdvice advice; (advice = advised.poll()) != null; ) {
                    manager.onReactiveAdvice(advice, clock.instant());
                }
                manager.tick(monitor.observe()).ifPresent(h -> out.println(h.time() + " handoff "
                        + h.from().orElse("none") + " -> " + h.to() + " (" + h.reason()
                        + (h.sameAddress() ? ", same address)" : h.advised() ? ", advised)" : ", unadvised)")));
            }
            if (stopRequested.getCount() == 0) {
                deregister(manager, links, registrar);
            }
        } finally {
            counters.snapshot().forEach((name, value) -> err.println("# " + name + " " + value));
            out.flush();
            finished.countDown();
            if (stopRequested.getCount() > 0) {
                Runtime.getRuntime().removeShutdownHook(stopper);
            }
        }
        return OK;
    }

    /**
     * Stopped by a signal: the binding is given up from the link in use (RFC 5944 §3.6.1.2), one line
     * printed. A run that ends after --count ticks keeps its binding: it is a probe, not a departure.
     */
    private void deregister(MobilityManager manager, List<LinkProfile> links, HomeAgentRegistrar registrar) {
        Optional<LinkProfile> via = manager.current()
                .flatMap(iface -> links.stream().filter(link -> link.iface().equals(iface)).findFirst());
        if (via.isEmpty()) {
            out.println(clock.instant() + " stopped, no binding to give up");
            return;
        }
        MobileIpRegistrar.RegistrationResult result = registrar.deregister(via.get());
        out.println(clock.instant() + " deregistered via " + via.get().iface() + ": "
                + (result.accepted() ? "accepted " : "not accepted ") + result.detail());
    }

    /** With --advice-port, the listener whose advice the manager takes at its next tick; else null (nothing to close). */
    private ReactiveAdviceListener adviceListener(Options options, MobileNodeKey mobile, Queue<ReactiveAdvice> advised,
            Counters counters) throws UsageException, IOException {
        if (options.text("advice-port").isEmpty()) {
            return null;
        }
        int port = (int) options.number("advice-port", 0, 1, 65535);
        int advisorPort = (int) options.number("advisor-port", ADVISOR_PORT, 1, 65535);
        ReactiveInbox inbox = new ReactiveInbox(List.of(mobile), clock, REPLAY_TOLERANCE_S, counters,
                new RateLimitedLog(System.getLogger("mimm-client"), clock), new ReactiveInbox.Sink() {
                    @Override
                    public void advised(Inet4Address home, ReactiveAdvice advice, boolean pulled) {
                        advised.add(advice);
                    }

                    @Override
                    public void nothingToAdvise(Inet4Address home) {
                        // run never pulls
                    }
                });
        return new ReactiveAdviceListener(new InetSocketAddress(port), new InetSocketAddress(mobile.homeAgent(),
                advisorPort), inbox);
    }

    private int listen(List<String> args) throws UsageException, IOException, InterruptedException {
        Options options = new Options(args, Set.of("home-agent", "mobiles", "home", "spi", "key", "advisor-port", "bind",
                "port", "pull", "tolerance-s", "count", "duration-s"));
        if (options.help()) {
            out.print(LISTEN_HELP);
            return OK;
        }
        Inet4Address homeAgent = options.address("home-agent");
        List<MobileNodeKey> mobiles = new java.util.ArrayList<>();
        if (options.text("mobiles").isPresent()) {
            List<String> lines = Files.readAllLines(Path.of(options.required("mobiles")), StandardCharsets.UTF_8);
            mobiles.addAll(options.parsed("mobiles", file -> MobileKeyFile.parse(lines, homeAgent)).orElseThrow());
        } else {
            options.required("spi");
            options.required("key");
            mobiles.add(new MobileNodeKey(options.address("home"), homeAgent, options.number("spi", 0, 256, 0xffff_ffffL),
                    options.parsed("key", HexFormat.of()::parseHex).orElseThrow()));
        }
        int advisorPort = (int) options.number("advisor-port", ADVISOR_PORT, 1, 65535);
        int port = (int) options.number("port", ADVISOR_PORT, 0, 65535);
        Inet4Address bind = options.text("bind").isPresent() ? options.address("bind") : null;
        boolean pull = options.parsed("pull", Boolean::parseBoolean).orElse(false);
        long tolerance = options.number("tolerance-s", REPLAY_TOLERANCE_S, 1, 86_400);
        long count = options.number("count", 0, 0, Long.MAX_VALUE);
        long duration = options.number("duration-s", 0, 0, 86_400_000);
        Counters counters = new Counters();
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        ReactiveInbox inbox = new ReactiveInbox(mobiles, clock, tolerance, counters,
                new RateLimitedLog(System.getLogger("mimm-client"), clock), new ReactiveInbox.Sink() {
                    @Override
                    public void advised(Inet4Address home, ReactiveAdvice a, boolean pulled) {
                        lines.add(clock.millis() + " advice " + home.getHostAddress() + " network " + a.networkId()
                                + " reason " + a.reason() + " expiry " + a.expirySeconds() + " alternative "
                                + (a.alternative().isPresent() ? a.alternative().getAsInt() : "-")
                                + (pulled ? " pulled" : " pushed"));
                    }

                    @Override
                    public void nothingToAdvise(Inet4Address home) {
                        lines.add(clock.millis() + " nothing " + home.getHostAddress());
                    }
                });
        InetSocketAddress local = bind == null ? new InetSocketAddress(port) : new InetSocketAddress(bind, port);
        try (ReactiveAdviceListener listener = new ReactiveAdviceListener(local,
                new InetSocketAddress(homeAgent, advisorPort), inbox)) {
            err.println("# listening on " + local + " for " + mobiles.size() + " mobiles");
            if (pull) {
                for (MobileNodeKey m : mobiles) {
                    listener.pull(m.homeAddress());
                }
            }
            long deadline = duration == 0 ? Long.MAX_VALUE : System.nanoTime() + Duration.ofSeconds(duration).toNanos();
            for (long printed = 0; (count == 0 || printed < count) && System.nanoTime() < deadline; ) {
                String line = lines.poll(Math.min(1_000_000_000L, Math.max(1, deadline - System.nanoTime())),
                        java.util.concurrent.TimeUnit.NANOSECONDS);
                if (line != null) {
                    out.println(line);
                    out.flush();
                    printed++;
                }
            }
        } finally {
            counters.snapshot().forEach((name, value) -> err.println("# " + name + " " + value));
        }
        return OK;
    }

    /** The advisor's default reactive advice port (MimmConfig reactivePort, mobilePort). */
    static final int ADVISOR_PORT = 10434;
    /** RFC 5944 §5.7.1's default tolerance for timestamps. */
    static final long REPLAY_TOLERANCE_S = 7;

    private static Set<String> union(Set<String> common, String... own) {
        Set<String> all = new java.util.HashSet<>(common);
        all.addAll(List.of(own));
        return all;
    }

    /** The options naming the home agent and the mobile's security association. */
    static final Set<String> HOME_AGENT_OPTIONS = Set.of("home-agent", "port", "home", "spi", "key", "lifetime",
            "timeout-ms", "attempts");

    private RegistrationExchange exchange(Options options, Counters counters) throws UsageException {
        Inet4Address homeAgent = options.address("home-agent");
        int port = (int) options.number("port", RegistrationExchange.PORT, 1, 65535);
        Inet4Address home = options.address("home");
        options.required("spi");
        long spi = options.number("spi", 0, 256, 0xffff_ffffL);
        options.required("key");
        byte[] key = options.parsed("key", HexFormat.of()::parseHex).orElseThrow();
        if (key.length == 0) {
            throw new UsageException("--key is empty");
        }
        long timeout = options.number("timeout-ms", 1000, 1, 600_000);
        int attempts = (int) options.number("attempts", 3, 1, 100);
        return new RegistrationExchange(new MobileNodeKey(home, homeAgent, spi, key),
                new InetSocketAddress(homeAgent, port), Duration.ofMillis(timeout), attempts, clock, counters,
                new RateLimitedLog(System.getLogger("mimm-client"), clock));
    }

    /** Each link transition is logged at INFO; a simulation makes tens of thousands, which the figures count. */
    private static void quietTransitions() {
        java.util.logging.Logger.getLogger("net.homeagent.mimmclient").setLevel(java.util.logging.Level.WARNING);
    }
}
