package net.homeagent.mimmclient.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.homeagent.mimmclient.Counters;
import net.homeagent.mimmclient.RateLimitedLog;

class LinuxInterfaceMonitorTest {

    private static final Instant NOW = Instant.parse("2026-12-06T06:00:00Z");

    @TempDir
    Path root;
    private final Counters counters = new Counters();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final RateLimitedLog log = new RateLimitedLog(System.getLogger("test"), clock);

    @Test
    void readsLinkStateFromSysAndSignalFromProcNetWireless() throws IOException {
        Path sys = root.resolve("sys");
        device(sys, "wlan0", "up", "1");
        device(sys, "eth0", "up", "1");
        device(sys, "wwan0", "down", null);   // the kernel refuses to read carrier when down
        device(sys, "tun0", "unknown", "1");
        device(sys, "wlan1", "dormant", "0");
        Path wireless = root.resolve("wireless");
        Files.write(wireless, List.of(
                "Inter-| sta-|   Quality        |   Discarded packets               | Missed | WE",
                " face | tus | link level noise |  nwid  crypt   frag  retry   misc | beacon | 22",
                " wlan0: 0000   54.  -67.  -256        0      0      0      0      0        0",
                " wwan0: 0000   20.  170.  -256        0      0      0      0      0        0",
                " wlan1: 0000   0   garbage"));
        Observation observation = monitor(sys, wireless, "wlan0", "eth0", "wwan0", "tun0", "wlan1").observe();

        assertThat(observation.time()).isEqualTo(NOW);
        assertThat(observation.links()).containsExactly(
                new LinkSample("wlan0", -67, true),
                new LinkSample("eth0", LinkSample.WIRED_SIGNAL_DBM, true),
                // 170 is the unsigned-octet form of -86 dBm
                new LinkSample("wwan0", -86, false),
                new LinkSample("tun0", LinkSample.WIRED_SIGNAL_DBM, true),
                new LinkSample("wlan1", LinkSample.WIRED_SIGNAL_DBM, false));
        assertThat(counters.get(ProcNetWireless.MALFORMED)).isEqualTo(1);
    }

    @Test
    void aMissingInterfaceOrAStrangeOperstateIsDownAndCounted() throws IOException {
        Path sys = root.resolve("sys");
        device(sys, "wlan0", "sideways", "1");
        device(sys, "eth0", "up", "0");
        Observation observation = monitor(sys, root.resolve("no-wireless-extensions"), "wlan0", "eth0", "gone0")
                .observe();
        assertThat(observation.links()).extracting(LinkSample::up).containsExactly(false, false, false);
        assertThat(counters.get(LinuxInterfaceMonitor.BAD_OPERSTATE)).isEqualTo(1);
        assertThat(counters.get(LinuxInterfaceMonitor.MISSING)).isEqualTo(1);
    }

    @Test
    void wirelessLevelsOutOfRangeOrWithoutNameAreSkipped() {
        ProcNetWireless wireless = new ProcNetWireless(counters, log);
        assertThat(wireless.levels(List.of("h1", "h2", "a: 0 1. -129. 0", "b: 0 1. 256. 0", ": 0 1. -50. 0",
                "no colon here", "c: 0 1. 0 0", "d: 0 1. -128."))).containsOnly(
                        java.util.Map.entry("c", 0), java.util.Map.entry("d", -128));
        assertThat(counters.get(ProcNetWireless.MALFORMED)).isEqualTo(4);
    }

    @Test
    void monitorsAtLeastOneInterface() {
        assertThatThrownBy(() -> new LinuxInterfaceMonitor(root, root, List.of(), clock, counters, log))
                .hasMessageContaining("no interface");
    }

    private LinuxInterfaceMonitor monitor(Path sys, Path wireless, String... interfaces) {
        return new LinuxInterfaceMonitor(sys, wireless, List.of(interfaces), clock, counters, log);
    }

    private static void device(Path sys, String name, String operstate, String carrier) throws IOException {
        Path dir = Files.createDirectories(sys.resolve(name));
        Files.writeString(dir.resolve("operstate"), operstate + "\n");
        if (carrier != null) {
            Files.writeString(dir.resolve("carrier"), carrier + "\n");
        }
    }
}
