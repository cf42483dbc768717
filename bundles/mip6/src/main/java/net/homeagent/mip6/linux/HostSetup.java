package net.homeagent.mip6.linux;

import java.io.IOException;
import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.homeagent.mip6.registration.Ipv6Prefix;

/**
 * Makes the host hand the node its packets: the signalling device up, each role's address routed
 * into it as a /128, the prefixes it tunnels for routed into it, and IPv6 forwarding on, so that a
 * Binding Acknowledgement or a tunnelled packet written into the device is forwarded towards the
 * care-of address. The route goes with the
 * device when the process ends.
 */
public final class HostSetup {

    private HostSetup() {
    }

    /** The {@code ip} command lines {@link #apply} runs, in order. */
    static List<List<String>> commands(String device, List<Inet6Address> addresses, List<Ipv6Prefix> prefixes) {
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of("ip", "link", "set", "dev", device, "up"));
        for (Inet6Address address : addresses) {
            commands.add(List.of("ip", "-6", "route", "replace", address.getHostAddress() + "/128", "dev", device));
        }
        for (Ipv6Prefix prefix : prefixes) {
            commands.add(List.of("ip", "-6", "route", "replace", prefix.toString(), "dev", device));
        }
        return commands;
    }

    /**
     * @param addresses the roles' addresses (a /128 each)
     * @param prefixes  the prefixes whose bound addresses the node tunnels (home and MAP prefixes),
     *                  routed into the device too: the node is their router
     */
    public static void apply(String device, List<Inet6Address> addresses, List<Ipv6Prefix> prefixes)
            throws IOException {
        Files.writeString(Path.of("/proc/sys/net/ipv6/conf/all/forwarding"), "1\n", StandardCharsets.US_ASCII);
        for (List<String> command : commands(device, addresses, prefixes)) {
            IpProcess.check(command);
        }
    }
}
