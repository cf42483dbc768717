package net.homeagent.mip6.linux;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.homeagent.mip6.homelink.HomeLinkProxy;

/**
 * The home link on Linux: proxy Neighbor Discovery entries ({@code ip -6 neigh ... proxy}, with
 * {@code net.ipv6.conf.<interface>.proxy_ndp=1}), a /128 route per intercepted home address into
 * the signalling device, and unsolicited Neighbor Advertisements from a raw ICMPv6 socket carrying
 * the interface's hardware address.
 */
public final class LinuxHomeLink implements HomeLinkProxy.Host, AutoCloseable {

    private static final Inet6Address ALL_NODES = allNodes();
    private static final Pattern FAILED = Pattern.compile("^Command failed -:(\\d+)$", Pattern.MULTILINE);

    private final String homeInterface;
    private final String device;
    private final byte[] hardwareAddress;
    private final Icmp6Socket socket;

    private LinuxHomeLink(String homeInterface, String device, byte[] hardwareAddress, Icmp6Socket socket) {
        this.homeInterface = homeInterface;
        this.device = device;
        this.hardwareAddress = hardwareAddress;
        this.socket = socket;
    }

    /**
     * Turns proxy Neighbor Discovery on for {@code homeInterface} and opens the advertisements'
     * socket; fails if the interface does not exist or has no Ethernet address.
     */
    public static LinuxHomeLink open(String homeInterface, String device) throws IOException {
        Path sys = Path.of("/sys/class/net", homeInterface);
        if (homeInterface.isEmpty() || homeInterface.contains("/") || !Files.isDirectory(sys)) {
            throw new IOException("homeLinkInterface: no interface '" + homeInterface + "'");
        }
        String mac = Files.readString(sys.resolve("address"), StandardCharsets.US_ASCII).trim();
        if (!mac.matches("(?i)([0-9a-f]{2}:){5}[0-9a-f]{2}")) {
            throw new IOException("homeLinkInterface " + homeInterface + " has no Ethernet address ('" + mac + "')");
        }
        int index = Integer.parseInt(Files.readString(sys.resolve("ifindex"), StandardCharsets.US_ASCII).trim());
        Files.writeString(Path.of("/proc/sys/net/ipv6/conf", homeInterface, "proxy_ndp"), "1\n",
                StandardCharsets.US_ASCII);
        return new LinuxHomeLink(homeInterface, device, HexFormat.ofDelimiter(":").parseHex(mac.toLowerCase()),
                Icmp6Socket.open(index));
    }

    @Override
    public List<Inet6Address> proxies() throws IOException {
        String listing = IpProcess.check(List.of("ip", "-6", "neigh", "show", "proxy", "dev", homeInterface));
        List<Inet6Address> addresses = new ArrayList<>();
        for (String line : listing.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (!fields[0].isEmpty() && InetAddress.getByName(fields[0]) instanceof Inet6Address address) {
                addresses.add(address);
            }
        }
        return addresses;
    }

    @Override
    public int apply(List<Inet6Address> add, List<Inet6Address> remove) throws IOException {
        IpProcess.Result result = IpProcess.run(List.of("ip", "-force", "-batch", "-"),
                String.join("\n", batch(homeInterface, device, add, remove)) + "\n");
        int failed = 0;
        Matcher matcher = FAILED.matcher(result.output());
        while (matcher.find()) {
            failed++;
        }
        if (failed == 0 && result.status() != 0) {
            throw new IOException("ip -batch failed (" + result.status() + "): " + result.output());
        }
        return failed;
    }

    /**
     * The lines of {@code ip -batch}: the route before the proxy entry, so that nothing is answered
     * for nowhere; a withdrawal flushes the route (no error when there is none: after a kill -9 the
     * proxy entries outlive the device and its routes).
     */
    static List<String> batch(String homeInterface, String device, List<Inet6Address> add, List<Inet6Address> remove) {
        List<String> lines = new ArrayList<>();
        for (Inet6Address address : add) {
            lines.add("route replace " + address.getHostAddress() + "/128 dev " + device);
            lines.add("neigh replace proxy " + address.getHostAddress() + " dev " + homeInterface);
        }
        for (Inet6Address address : remove) {
            lines.add("neigh del proxy " + address.getHostAddress() + " dev " + homeInterface);
            lines.add("route flush " + address.getHostAddress() + "/128 dev " + device);
        }
        return lines;
    }

    @Override
    public byte[] hardwareAddress() {
        return hardwareAddress.clone();
    }

    @Override
    public void multicast(byte[] icmpv6Message) throws IOException {
        socket.send(icmpv6Message, ALL_NODES);
    }

    @Override
    public void close() {
        socket.close();
    }

    private static Inet6Address allNodes() {
        try {
            return (Inet6Address) InetAddress.getByName("ff02::1");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
