package net.homeagent.mimmclient.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.homeagent.mip.codec.ext.VendorSpecificExtension;
import net.homeagent.mip.codec.mimm.HandoffAdvice;
import net.homeagent.mip.codec.mimm.HandoffAdviceCodec;
import net.homeagent.mip.codec.mimm.MimmVendor;
import net.homeagent.mimmclient.homeagent.FakeHomeAgent;

class MimmClientCliTest {

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final MimmClientCli cli = new MimmClientCli(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    @AfterAll
    static void loud() {
        // simulate quietens the client's loggers for the JVM; give the other tests theirs back
        java.util.logging.Logger.getLogger("net.homeagent.mimmclient").setLevel(null);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpForTheToolAndEachCommand() {
        assertThat(cli.run("--help")).isZero();
        assertThat(out()).contains("simulate", "monitor", "advise");
        for (String command : new String[] {"simulate", "monitor", "advise", "run", "listen"}) {
            assertThat(cli.run(command, "--help")).isZero();
            assertThat(out()).contains("usage: " + command);
        }
        assertThat(cli.run()).isEqualTo(MimmClientCli.USAGE);
    }

    @Test
    void mistakesAreNamedAndExitWith64() {
        assertThat(cli.run("teleport")).isEqualTo(MimmClientCli.USAGE);
        assertThat(cli.run("simulate", "--runs", "many")).isEqualTo(MimmClientCli.USAGE);
        assertThat(cli.run("simulate", "--runs", "0")).isEqualTo(MimmClientCli.USAGE);
        assertThat(cli.run("simulate", "--thresholds", "-70,-75,-65,-78,-85")).isEqualTo(MimmClientCli.USAGE);
        assertThat(cli.run("simulate", "--averaging", "median:3")).isEqualTo(MimmClientCli.USAGE);
        assertThat(cli.run("simulate", "--colour", "red")).isEqualTo(MimmClientCli.USAGE);
        assertThat(cli.run("simulate", "--seed")).isEqualTo(MimmClientCli.USAGE);
        assertThat(cli.run("monitor")).isEqualTo(MimmClientCli.USAGE);
        assertThat(cli.run("advise", "--home-agent", "10.0.0.300")).isEqualTo(MimmClientCli.USAGE);
        assertThat(cli.run("advise", "--home-agent", "10.0.0.1", "--home", "10.0.0.10", "--spi", "7")).isEqualTo(
                MimmClientCli.USAGE);
        assertThat(cli.run("advise", "--home-agent", "10.0.0.1", "--home", "10.0.0.10", "--spi", "300", "--key", "xyz"))
                .isEqualTo(MimmClientCli.USAGE);
        assertThat(err()).contains("unknown command 'teleport'", "--runs 'many' is not a whole number",
                "--runs 0 is outside 1..", "--thresholds: thresholds must satisfy", "--averaging: averaging is",
                "unknown option '--colour'", "--seed needs a value", "--interfaces is required",
                "--home-agent '10.0.0.300' is not an IPv4 address", "--spi 7 is outside 256..", "--key: ");
    }

    @Test
    void simulatePrintsBothManagersAndWritesAndReadsATrace() throws Exception {
        Path trace = dir.resolve("trace.csv");
        assertThat(cli.run("simulate", "--runs", "1", "--samples", "400", "--write-trace", trace.toString())).isZero();
        assertThat(out()).contains("1 synthetic traces of 400 samples", "five thresholds, moving:8",
                "single threshold -76 dBm, raw signal", "handoffs, five thresholds / single threshold");
        assertThat(Files.readAllLines(trace)).hasSize(1 + 2 * 400);
        out.reset();
        assertThat(cli.run("simulate", "--trace", trace.toString())).isZero();
        assertThat(out()).contains("recorded trace", "(400 samples, 0 malformed lines skipped)");
        assertThat(cli.run("simulate", "--trace", dir.resolve("none.csv").toString())).isEqualTo(MimmClientCli.IO_ERROR);
    }

    @Test
    void monitorPrintsATraceOfTheInterfaces() throws Exception {
        Path sys = Files.createDirectories(dir.resolve("sys/eth0"));
        Files.writeString(sys.resolve("operstate"), "up\n");
        Files.writeString(sys.resolve("carrier"), "1\n");
        assertThat(cli.run("monitor", "--interfaces", "eth0", "--sys", dir.resolve("sys").toString(), "--wireless",
                dir.resolve("none").toString())).isZero();
        assertThat(out()).isEqualTo("time_ms,interface,signal_dbm,up\n0,eth0,0,1\n");
    }

    @Test
    void runAttachesThroughTheAdvisorAndMovesTheRoute() throws Exception {
        byte[] key = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        Path sys = Files.createDirectories(dir.resolve("sys/eth0"));
        Files.writeString(sys.resolve("operstate"), "up\n");
        Files.writeString(sys.resolve("carrier"), "1\n");
        Path links = dir.resolve("links.conf");
        Files.writeString(links, "eth0 ethernet 7 127.0.0.1 - 1000000 100 0 1\n");
        try (FakeHomeAgent homeAgent = new FakeHomeAgent(key)) {
            HandoffAdvice go = new HandoffAdvice(HandoffAdvice.Verdict.GO, HandoffAdvice.Reason.NONE, 300, 7, List.of(),
                    true);
            homeAgent.then(request -> new FakeHomeAgent.Answer(0, List.of(new VendorSpecificExtension(false,
                    MimmVendor.ENTERPRISE_NUMBER, MimmVendor.HANDOFF_ADVICE, HandoffAdviceCodec.encode(go))), key, 300, 0));
            int status = cli.run("run", "--links", links.toString(), "--home-agent", "127.0.0.1", "--port",
                    String.valueOf(homeAgent.address().getPort()), "--home", "10.0.0.10", "--spi", "300", "--key",
                    HexFormat.of().formatHex(key), "--count", "1", "--routes", "print", "--sys",
                    dir.resolve("sys").toString(), "--wireless", dir.resolve("none").toString(), "--timeout-ms", "5000",
                    "--attempts", "1");

            assertThat(status).isZero();
            assertThat(homeAgent.received()).singleElement().satisfies(r -> assertThat(r.authentic()).isTrue());
            assertThat(out()).isEqualTo("# ip link set dev eth0 up\n# ip route replace default dev eth0\n"
                    + "1970-01-01T00:00:00Z handoff none -> eth0 (ATTACH, advised)\n");
        }
        assertThat(cli.run("run", "--links", dir.resolve("missing.conf").toString())).isEqualTo(MimmClientCli.IO_ERROR);
        Files.writeString(links, "eth0 copper 7 127.0.0.1 - 1 1 1 1\n");
        assertThat(cli.run("run", "--links", links.toString())).isEqualTo(MimmClientCli.USAGE);
        assertThat(err()).contains("--links: line 1: type 'copper'");
    }

    @Test
    void listenPullsAndPrintsTheAnswerAndNamesABadMobilesFile() throws Exception {
        byte[] key = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
        Path mobiles = dir.resolve("mobiles.conf");
        Files.writeString(mobiles, "# home spi key\n10.0.0.10 300 00112233445566778899aabbccddeeff\n");
        try (java.net.DatagramSocket advisor = new java.net.DatagramSocket(new java.net.InetSocketAddress("127.0.0.1", 0))) {
            advisor.setSoTimeout(10_000);
            Thread answer = new Thread(() -> {
                try {
                    java.net.DatagramPacket pull = new java.net.DatagramPacket(new byte[100], 100);
                    advisor.receive(pull);
                    var received = ((net.homeagent.mip.codec.mimm.Decoded.Valid<net.homeagent.mip.codec.mimm.ReactiveMessageCodec.Received>)
                            net.homeagent.mip.codec.mimm.ReactiveMessageCodec.decode(java.util.Arrays.copyOf(pull.getData(),
                                    pull.getLength()))).message();
                    byte[] nothing = net.homeagent.mip.codec.mimm.ReactiveMessageCodec.encode(
                            new net.homeagent.mip.codec.mimm.ReactiveMessage.NothingToAdvise(received.homeAddress(),
                                    received.message().identification()), 300,
                            net.homeagent.mip.codec.auth.AuthenticationAlgorithm.HMAC_MD5, key);
                    advisor.send(new java.net.DatagramPacket(nothing, nothing.length, pull.getSocketAddress()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            answer.start();
            int status = cli.run("listen", "--home-agent", "127.0.0.1", "--advisor-port",
                    String.valueOf(advisor.getLocalPort()), "--bind", "127.0.0.1", "--port", "0", "--mobiles",
                    mobiles.toString(), "--pull", "true", "--count", "1", "--duration-s", "20");
            answer.join();
            assertThat(status).isZero();
            assertThat(out()).isEqualTo("0 nothing 10.0.0.10\n");
        }
        Files.writeString(mobiles, "10.0.0.10 300\n");
        assertThat(cli.run("listen", "--home-agent", "127.0.0.1", "--mobiles", mobiles.toString())).isEqualTo(MimmClientCli.USAGE);
        assertThat(err()).contains("--mobiles: line 1: expected <home> <spi> <hex key>");
        assertThat(cli.run("listen", "--mobiles", mobiles.toString())).isEqualTo(MimmClientCli.USAGE);
    }
}
