package net.homeagent.loadgen;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;

/** The command line of {@link LoadGenerator}; see {@link #USAGE}. */
record LoadOptions(Optional<InetSocketAddress> target, int nodes, long spiBase, Inet4Address homeBase, long keySeed,
        Optional<Path> saFile, boolean closedLoop, int window, int rate, int durationSeconds, int warmupSeconds,
        TrafficMix mix, String mixText, int timeoutMillis, int lifetime, boolean echoBaseline,
        Optional<InetSocketAddress> echoTarget, boolean json, boolean spinPacer, int sockets, long requests,
        int giveUpSeconds, boolean untilAccepted, Optional<Path> ledger, Optional<Path> fromLedger,
        Optional<Path> verifyLedger, Optional<Path> snapshot, int echoEventLoops, int echoBatch,
        Optional<Long> appliancePid, boolean requestHandoff) {

    static final String USAGE = """
            usage: java -jar homeagent-loadgen.jar [options]
              --target HOST:PORT     home agent to load (loopback or an address of this host only)
              --nodes N              simulated mobile nodes (10000)
              --spi-base S           SPI of node 0, >= 256 (256)
              --home-base A          home address of node 0 (10.128.0.0)
              --key-seed K           seed the HMAC-MD5 test keys derive from (1)
              --write-sa-file PATH   write the nodes' security associations in the appliance's format
              --mode closed|open     closed: a window of requests in flight; open: a fixed rate (closed)
              --window W             requests in flight in closed loop (16)
              --rate R               requests/s in open loop (20000)
              --duration S           measured seconds (20)
              --warmup S             seconds sent before measuring (5)
              --mix M                care-of-change=80,renew=15,deregister=5: the shares among
                                     nodes that hold a binding (a node without one registers,
                                     from a new care-of address); register is the former name
                                     of care-of-change
              --pacer park|spin      open loop: park until each send time, or park then spin the
                                     last 100 us (sends on time, burns up to a core) (park)
              --sockets N            client UDP sockets (source ports), node i sending from socket
                                     i mod N; a target sharing its port between sockets
                                     (SO_REUSEPORT) spreads the load by source port (1)
              --timeout-ms T         a request without reply after T ms is a timeout (1000)
              --lifetime L           requested lifetime in seconds (600)
              --echo-baseline        first run the same loop against a UDP echo in a process of its
                                     own with the home agent's transport settings (epoll, SO_REUSEPORT
                                     sockets on one port, recvmmsg batches, one flush per batch),
                                     unless --echo-target; the report gives the ratio against it
              --echo-event-loops N   the echo's event loops and sockets: the appliance's eventLoops
                                     (0: as the appliance's default, one per core it may run on:
                                     those of --appliance-pid, else of this process) (0)
              --echo-batch B         datagrams per recvmmsg of the echo: the appliance's
                                     receiveBatch (16)
              --echo-target H:P      an external UDP echo to use as baseline
              --appliance-pid PID    the appliance's process: its cores are reported, its CPU time
                                     per request measured, and the echo baseline runs on its cores
              --json                 print only the JSON line
              --request-handoff      each registration (not a deregistration) carries a MIMM
                                     Request Handoff (docs/mimm.md), target by care-of address:
                                     the advisor's cost per registration (merged mode)
            Closed loop only:
              --requests N           stop after N requests (0: no limit; --duration still bounds)
              --give-up-after S      stop when no reply at all came for S seconds while requests
                                     were in flight: the target died (0: never)
              --until-accepted       stop at the first accepted reply; prints
                                     "accepted at epoch-ms T" on stderr
            Ledger (the home agent run, not the echo baseline):
              --ledger FILE          at the end, write per node the last state the home agent
                                     acknowledged (a verified reply, code 0 or 1, to a request
                                     whose home address and identification it echoes) and the
                                     requests no
                                     reply answered since (in flight at the end, or timed out):
                                     the binding may be in either state. Binary, big-endian:
                                     "MIPL" u8 1, u32 home address of node 0, i32 nodes, then per
                                     node: u8 state (0 never acknowledged, 1 registered,
                                     2 deregistered), u32 care-of, u16 lifetime, u8 unanswered
                                     requests (255: or more), u32 care-of and u16 lifetime of the
                                     newest of them (lifetime 0: a deregistration), i32 care-of
                                     generation (how often the node moved)
              --from-ledger FILE     start from an earlier run's ledger (same --nodes and
                                     --home-base): its states, doubts and care-of addresses
              --verify-ledger FILE   sends nothing: checks the binding snapshot of --snapshot
              --snapshot FILE        (written by the appliance's mip:backup-export) against the
                                     ledger: each node acknowledged as registered at X with no
                                     unanswered request has one binding, at X, with its lifetime;
                                     one acknowledged as deregistered or never has none; a node
                                     with an unanswered request may be in either state; no other
                                     binding in the ledger's home range, none twice. Prints the
                                     counts and the first 20 violations; exit status 1 on any
              --help                 this text
            With neither --target nor --echo-baseline only the SA file is written.
            """;

    static LoadOptions parse(String... args) {
        Optional<InetSocketAddress> target = Optional.empty();
        Optional<InetSocketAddress> echoTarget = Optional.empty();
        int nodes = 10_000;
        long spiBase = 256;
        Inet4Address homeBase = ipv4("10.128.0.0");
        long keySeed = 1;
        Optional<Path> saFile = Optional.empty();
        boolean closed = true;
        int window = 16;
        int rate = 20_000;
        int duration = 20;
        int warmup = 5;
        String mix = "care-of-change=80,renew=15,deregister=5";
        int timeout = 1000;
        int lifetime = 600;
        boolean echo = false;
        boolean json = false;
        boolean spin = false;
        int sockets = 1;
        long requests = 0;
        int giveUp = 0;
        boolean untilAccepted = false;
        Optional<Path> ledger = Optional.empty();
        Optional<Path> fromLedger = Optional.empty();
        Optional<Path> verifyLedger = Optional.empty();
        Optional<Path> snapshot = Optional.empty();
        int echoEventLoops = 0;
        int echoBatch = 16;
        Optional<Long> appliancePid = Optional.empty();
        boolean requestHandoff = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--echo-baseline" -> echo = true;
                case "--json" -> json = true;
                case "--until-accepted" -> untilAccepted = true;
                case "--request-handoff" -> requestHandoff = true;
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("unknown option or missing value: " + option);
                    }
                    String value = args[++i];
                    switch (option) {
                        case "--target" -> target = Optional.of(hostPort(value));
                        case "--echo-target" -> echoTarget = Optional.of(hostPort(value));
                        case "--nodes" -> nodes = positive(option, value);
                        case "--spi-base" -> spiBase = Long.parseLong(value);
                        case "--home-base" -> homeBase = ipv4(value);
                        case "--key-seed" -> keySeed = Long.parseLong(value);
                        case "--write-sa-file" -> saFile = Optional.of(Path.of(value));
                        case "--mode" -> closed = switch (value) {
                            case "closed" -> true;
                            case "open" -> false;
                            default -> throw new IllegalArgumentException("--mode is closed or open");
                        };
                        case "--window" -> window = positive(option, value);
                        case "--rate" -> rate = positive(option, value);
                        case "--duration" -> duration = positive(option, value);
                        case "--warmup" -> warmup = nonNegative(option, value);
                        case "--mix" -> mix = value;
                        case "--pacer" -> spin = switch (value) {
                            case "spin" -> true;
                            case "park" -> false;
                            default -> throw new IllegalArgumentException("--pacer is park or spin");
                        };
                        case "--sockets" -> sockets = positive(option, value);
                        case "--timeout-ms" -> timeout = positive(option, value);
                        case "--lifetime" -> lifetime = positive(option, value);
                        case "--requests" -> requests = nonNegative(option, value);
                        case "--give-up-after" -> giveUp = nonNegative(option, value);
                        case "--ledger" -> ledger = Optional.of(Path.of(value));
                        case "--from-ledger" -> fromLedger = Optional.of(Path.of(value));
                        case "--verify-ledger" -> verifyLedger = Optional.of(Path.of(value));
                        case "--snapshot" -> snapshot = Optional.of(Path.of(value));
                        case "--echo-event-loops" -> echoEventLoops = nonNegative(option, value);
                        case "--echo-batch" -> echoBatch = positive(option, value);
                        case "--appliance-pid" -> appliancePid = Optional.of((long) positive(option, value));
                        default -> throw new IllegalArgumentException("unknown option " + option);
                    }
                }
            }
        }
        if (echoBatch > 1024) {
            throw new IllegalArgumentException("--echo-batch is at most 1024, as the appliance's receiveBatch");
        }
        if (lifetime > 0xffff) {
            throw new IllegalArgumentException("--lifetime is a 16-bit field (RFC 5944 §3.3)");
        }
        if (sockets > nodes) {
            throw new IllegalArgumentException("--sockets cannot exceed --nodes");
        }
        if (closed && window > nodes) {
            throw new IllegalArgumentException("--window cannot exceed --nodes: one request in flight per node");
        }
        if (verifyLedger.isPresent() != snapshot.isPresent()) {
            throw new IllegalArgumentException("--verify-ledger and --snapshot go together");
        }
        if (!closed && (requests > 0 || giveUp > 0 || untilAccepted)) {
            throw new IllegalArgumentException("--requests, --give-up-after and --until-accepted are closed-loop options");
        }
        if ((ledger.isPresent() || fromLedger.isPresent()) && target.isEmpty()) {
            throw new IllegalArgumentException("--ledger and --from-ledger record a --target run");
        }
        return new LoadOptions(target, nodes, spiBase, homeBase, keySeed, saFile, closed, window, rate, duration,
                warmup, TrafficMix.parse(mix), mix, timeout, lifetime, echo, echoTarget, json, spin, sockets,
                requests, giveUp, untilAccepted, ledger, fromLedger, verifyLedger, snapshot, echoEventLoops, echoBatch,
                appliancePid, requestHandoff);
    }

    /** Whether there is anything to send (else only the SA file is written). */
    boolean runsLoad() {
        return target.isPresent() || echoBaseline;
    }

    private static int positive(String option, String value) {
        int n = Integer.parseInt(value);
        if (n <= 0) {
            throw new IllegalArgumentException(option + " must be > 0");
        }
        return n;
    }

    private static int nonNegative(String option, String value) {
        int n = Integer.parseInt(value);
        if (n < 0) {
            throw new IllegalArgumentException(option + " must be >= 0");
        }
        return n;
    }

    static InetSocketAddress hostPort(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + text + "'");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(text.substring(0, colon)),
                    Integer.parseInt(text.substring(colon + 1)));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host in '" + text + "'", e);
        }
    }

    static Inet4Address ipv4(String text) {
        try {
            if (InetAddress.getByName(text) instanceof Inet4Address v4 && text.chars().allMatch(
                    c -> c == '.' || c >= '0' && c <= '9')) {
                return v4;
            }
        } catch (UnknownHostException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is not a dotted IPv4 address");
    }
}
