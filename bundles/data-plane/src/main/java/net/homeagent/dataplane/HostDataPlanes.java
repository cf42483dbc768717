package net.homeagent.dataplane;

import java.io.Closeable;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import com.sun.jna.LastErrorException;

import net.homeagent.dataplane.host.GratuitousArpAnnouncer;
import net.homeagent.dataplane.host.HomeRoutes;
import net.homeagent.dataplane.host.IpBatch;
import net.homeagent.dataplane.host.Sysctl;
import net.homeagent.dataplane.kernel.KernelDataPlane;
import net.homeagent.dataplane.linux.LibC;
import net.homeagent.dataplane.linux.Native;
import net.homeagent.dataplane.linux.PacketSocket;
import net.homeagent.dataplane.userspace.UserSpaceDataPlane;
import net.homeagent.dataplane.userspace.UserSpaceSettings;
import net.homeagent.mip.api.DataPlane;
import net.homeagent.mip.api.UdpTunnelReceiver;

/**
 * Builds the configured data plane on this host, or says why it cannot: the home link must
 * exist, and the host must let us open a TUN device, raw and packet sockets (root, or
 * CAP_NET_ADMIN + CAP_NET_RAW). Everything opened is closed by {@link #close()}.
 */
final class HostDataPlanes implements Closeable {

    /** Why the configured data plane cannot run; the message is what the operator reads. */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

    static final String CFG = "etc/" + DataPlaneConfig.PID + ".cfg";

    private final DataPlaneConfig config;
    private final Clock clock;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<String> facts = new ArrayList<>();
    private ScheduledExecutorService timer;
    private IpBatch ip;
    private GratuitousArpAnnouncer announcer;
    private UserSpaceDataPlane userSpace;

    HostDataPlanes(DataPlaneConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    DataPlane open() throws Unavailable {
        String homeInterface = config.homeInterface().trim();
        if (homeInterface.isEmpty()) {
            throw new Unavailable("no home link: set homeInterface in " + CFG);
        }
        Optional<String> platform = Native.platformProblem();
        if (platform.isPresent()) {
            throw new Unavailable(platform.get());
        }
        NetworkInterface link = homeLink(homeInterface);
        LibC libc = Native.load();
        ip = new IpBatch(config.ipCommand(), clock);
        opened.add(ip);
        try {
            setKernel("net/ipv4/ip_forward", "1");
            // proxied ARP replies are otherwise delayed up to 0.8 s (proxy_delay), per request
            setKernel("net/ipv4/neigh/" + homeInterface + "/proxy_delay", "0");
            byte[] mac = hardwareAddress(link);
            if (mac == null || mac.length != 6) {
                throw new Unavailable("home link " + homeInterface + " has no Ethernet address for proxy ARP");
            }
            timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "dataplane-garp"));
            announcer = new GratuitousArpAnnouncer(new PacketSocket(libc, link.getIndex()), mac, timer);
            opened.add(announcer);
            boolean proxyEntries = proxyEntries(config.proxyArp());
            if (!proxyEntries) {
                setKernel("net/ipv4/conf/" + homeInterface + "/proxy_arp", "1");
            }
            HomeRoutes routes = new HomeRoutes(ip, homeInterface, config.routeProtocol(), proxyEntries);
            facts.add("home link " + homeInterface + " (index " + link.getIndex() + ")");
            return switch (config.implementation().trim()) {
                case "user-space" -> userSpace(libc, routes);
                case "kernel" -> kernel(libc, routes);
                default -> throw new Unavailable("unknown implementation '" + config.implementation() + "' in " + CFG
                        + " (none, user-space or kernel)");
            };
        } catch (LastErrorException e) {
            close();
            throw new Unavailable(Native.isPermissionDenied(e)
                    ? "no privileges to program the host (" + e.getMessage() + "): the data plane needs root, or"
                            + " CAP_NET_ADMIN and CAP_NET_RAW"
                    : "cannot open the data plane's devices: " + e.getMessage());
        } catch (Unavailable | RuntimeException e) {
            close();
            throw e;
        }
    }

    private UserSpaceDataPlane userSpace(LibC libc, HomeRoutes routes) {
        UserSpaceSettings settings = new UserSpaceSettings(config.tunName(), config.tunMtu(), config.batch(),
                config.socketBufferBytes(), config.udpTunnelPort());
        UserSpaceDataPlane plane = UserSpaceDataPlane.open(libc, settings, routes, announcer, this::facts);
        opened.add(plane);
        userSpace = plane;
        // IPv4 only: without this the kernel routes its own IPv6 neighbour discovery into the device
        Sysctl.host().set("net/ipv6/conf/" + plane.device() + "/disable_ipv6", "1");
        // a burst waits in the device's queue while the forwarder is busy, not dropped at 500 (the TUN default)
        ip.send("link set dev " + plane.device() + " mtu " + config.tunMtu() + " txqueuelen 10000 up");
        ip.flush();
        facts.add("TUN " + plane.device() + " mtu " + config.tunMtu());
        return plane;
    }

    private KernelDataPlane kernel(LibC libc, HomeRoutes routes) throws Unavailable {
        // what the kernel must have: an ipip device can be made (the ipip module); gre is asked the same way
        for (String type : List.of("ipip", "gre")) {
            String probe = "miprobe" + type;
            Optional<String> refused = ip.probe("link", "add", probe, "type", type, "local", "127.0.0.1", "remote",
                    "127.0.0.2");
            if (refused.isPresent()) {
                throw new Unavailable("this kernel cannot make " + type + " tunnels (ip link add type " + type + ": "
                        + refused.get() + "); set implementation = user-space in " + CFG);
            }
            ip.probe("link", "del", probe);
        }
        // RFC 3024 §4.2.1 by the kernel: strict reverse-path filtering on every tunnel device made from now on
        setKernel("net/ipv4/conf/default/rp_filter", "1");
        UserSpaceDataPlane userSpace = userSpace(libc, routes);
        return new KernelDataPlane(ip, routes, announcer, Optional.of(userSpace), Path.of("/sys/class/net"),
                this::facts);
    }

    /** The user-space forwarder, which takes RFC 3519 Tunnel Data in both implementations, if it runs. */
    Optional<UdpTunnelReceiver> udpReceiver() {
        return Optional.ofNullable(userSpace);
    }

    /** The user-space forwarder, which decapsulates in both implementations, if it runs. */
    Optional<UserSpaceDataPlane> userSpace() {
        return Optional.ofNullable(userSpace);
    }

    private static boolean proxyEntries(String mode) throws Unavailable {
        return switch (mode.trim()) {
            case "entries" -> true;
            case "interface" -> false;
            default -> throw new Unavailable("unknown proxyArp '" + mode + "' in " + CFG + " (entries or interface)");
        };
    }

    private static NetworkInterface homeLink(String name) throws Unavailable {
        try {
            NetworkInterface link = NetworkInterface.getByName(name);
            if (link == null) {
                throw new Unavailable("home link " + name + " does not exist on this host; change homeInterface in "
                        + CFG);
            }
            return link;
        } catch (SocketException e) {
            throw new Unavailable("cannot read interface " + name + ": " + e.getMessage());
        }
    }

    private static byte[] hardwareAddress(NetworkInterface link) throws Unavailable {
        try {
            return link.getHardwareAddress();
        } catch (SocketException e) {
            throw new Unavailable("cannot read the Ethernet address of " + link.getName() + ": " + e.getMessage());
        }
    }

    private void setKernel(String key, String value) throws Unavailable {
        String problem = Sysctl.host().set(key, value);
        if (problem != null) {
            throw new Unavailable(problem);
        }
        facts.add(key.replace('/', '.') + " = " + value);
    }

    private List<String> facts() {
        List<String> all = new ArrayList<>(facts);
        if (ip != null) {
            all.add("ip -batch lines refused by the kernel: " + ip.failures());
        }
        if (announcer != null) {
            all.add("gratuitous ARPs sent: " + announcer.sent() + ", failed: " + announcer.failed());
        }
        return all;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                // closing is best effort: the process may be going anyway
            }
        }
        opened.clear();
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
