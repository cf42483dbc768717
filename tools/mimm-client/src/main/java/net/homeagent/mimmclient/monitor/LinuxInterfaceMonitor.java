package net.homeagent.mimmclient.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import net.homeagent.mimmclient.Counters;
import net.homeagent.mimmclient.RateLimitedLog;

/**
 * The interfaces of this Linux host: link state from {@code /sys/class/net/<if>/operstate} and
 * {@code carrier}, signal from {@code /proc/net/wireless} when the interface is listed there (a
 * wired one reports {@link LinkSample#WIRED_SIGNAL_DBM}). The roots are parameters so that tests read
 * a directory of their own.
 * <p>
 * A link is up when its operstate is {@code up}, or {@code unknown} (what TUN and many virtual
 * devices report), and its carrier is 1. Anything unreadable makes the link count as down and is
 * counted; a missing {@code /proc/net/wireless} (no wireless extensions) is not a problem.
 */
public final class LinuxInterfaceMonitor implements InterfaceMonitor {

    static final String MISSING = "interface-missing";
    static final String BAD_OPERSTATE = "operstate-malformed";

    private final Path sysClassNet;
    private final Path procNetWireless;
    private final List<String> interfaces;
    private final Clock clock;
    private final Counters counters;
    private final RateLimitedLog log;
    private final ProcNetWireless wireless;

    public LinuxInterfaceMonitor(Path sysClassNet, Path procNetWireless, List<String> interfaces, Clock clock,
            Counters counters, RateLimitedLog log) {
        if (interfaces.isEmpty()) {
            throw new IllegalArgumentException("no interface to monitor");
        }
        this.sysClassNet = sysClassNet;
        this.procNetWireless = procNetWireless;
        this.interfaces = List.copyOf(interfaces);
        this.clock = clock;
        this.counters = counters;
        this.log = log;
        this.wireless = new ProcNetWireless(counters, log);
    }

    @Override
    public Observation observe() {
        Map<String, Integer> levels = wireless.levels(lines(procNetWireless));
        List<LinkSample> samples = new ArrayList<>(interfaces.size());
        for (String name : interfaces) {
            samples.add(new LinkSample(name, levels.getOrDefault(name, LinkSample.WIRED_SIGNAL_DBM), up(name)));
        }
        return new Observation(clock.instant(), samples);
    }

    private boolean up(String name) {
        Path dir = sysClassNet.resolve(name);
        if (!Files.isDirectory(dir)) {
            counters.increment(MISSING);
            log.warn(MISSING, "no " + dir + ": " + name + " counts as down");
            return false;
        }
        String operstate = firstLine(dir.resolve("operstate")).toLowerCase(Locale.ROOT);
        switch (operstate) {
            case "up", "unknown" -> {
                // the kernel refuses to read carrier of a down device (EINVAL): no carrier then
                return "1".equals(firstLine(dir.resolve("carrier")));
            }
            case "down", "dormant", "lowerlayerdown", "notpresent", "testing" -> {
                return false;
            }
            default -> {
                counters.increment(BAD_OPERSTATE);
                log.warn(BAD_OPERSTATE, dir.resolve("operstate") + " reads '" + operstate + "': " + name
                        + " counts as down");
                return false;
            }
        }
    }

    private static String firstLine(Path file) {
        List<String> lines = lines(file);
        return lines.isEmpty() ? "" : lines.get(0).trim();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
