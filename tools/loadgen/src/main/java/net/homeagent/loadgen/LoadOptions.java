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
        Optional<InetSocketAddress> echoTarget, boolean json, boolean spinPacer, int sockets) {

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
              --mix M                register=80,renew=15,deregister=5
              --pacer park|spin      open loop: park until each send time, or park then spin the
                                     last 100 us (sends on time, burns up to a core) (park)
              --sockets N            client UDP sockets (source ports), node i sending from socket
                                     i mod N; a target sharing its port between sockets
                                     (SO_REUSEPORT) spreads the load by source port (1)
              --timeout-ms T         a request without reply after T ms is a timeout (1000)
              --lifetime L           requested lifetime in seconds (600)
              --echo-baseline        first run the same loop against a UDP echo (in-process unless --echo-target)
              --echo-target H:P      an external UDP echo to use as baseline
              --json                 print only the JSON line
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
        String mix = "register=80,renew=15,deregister=5";
        int timeout = 1000;
        int lifetime = 600;
        boolean echo = false;
        boolean json = false;
        boolean spin = false;
        int sockets = 1;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--echo-baseline" -> echo = true;
                case "--json" -> json = true;
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
                        default -> throw new IllegalArgumentException("unknown option " + option);
                    }
                }
            }
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
        return new LoadOptions(target, nodes, spiBase, homeBase, keySeed, saFile, closed, window, rate, duration,
                warmup, TrafficMix.parse(mix), mix, timeout, lifetime, echo, echoTarget, json, spin, sockets);
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
