package net.homeagent.mip6.linux;

import java.io.IOException;
import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes the host hand the home agent its packets: the signalling device up, each home agent
 * address routed into it as a /128, and IPv6 forwarding on, so that a Binding Acknowledgement
 * written into the device is forwarded towards the care-of address. The route goes with the
 * device when the process ends.
 */
public final class HostSetup {

    private HostSetup() {
    }

    /** The {@code ip} command lines {@link #apply} runs, in order. */
    static List<List<String>> commands(String device, List<Inet6Address> addresses) {
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of("ip", "link", "set", "dev", device, "up"));
        for (Inet6Address address : addresses) {
            commands.add(List.of("ip", "-6", "route", "replace", address.getHostAddress() + "/128", "dev", device));
        }
        return commands;
    }

    public static void apply(String device, List<Inet6Address> addresses) throws IOException {
        Files.writeString(Path.of("/proc/sys/net/ipv6/conf/all/forwarding"), "1\n", StandardCharsets.US_ASCII);
        for (List<String> command : commands(device, addresses)) {
            run(command);
        }
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": no answer in 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + ": interrupted", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
        }
    }
}
