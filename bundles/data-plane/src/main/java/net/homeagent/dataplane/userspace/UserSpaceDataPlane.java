package net.homeagent.dataplane.userspace;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.dataplane.host.Announcer;
import net.homeagent.dataplane.host.HomeRoutes;
import net.homeagent.dataplane.linux.LibC;
import net.homeagent.mip.api.BindingKey;
import net.homeagent.mip.api.DataPlane;
import net.homeagent.mip.api.DataPlaneStatus;
import net.homeagent.mip.api.TunnelCounters;
import net.homeagent.mip.api.TunnelSpec;
import net.homeagent.mip.api.UdpTunnelReceiver;
import net.homeagent.mip.codec.TunnelData;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * The data plane that forwards in user space: every home address away from home is routed into
 * one TUN device, whose datagrams this process tunnels (IP in IP, GRE with key, minimal, RFC 3519
 * UDP) and whose reverse tunnels it unwraps. It runs on any Linux kernel with TUN, which is why it
 * is the one proven end to end here (docs/dataplane.md).
 */
public final class UserSpaceDataPlane implements DataPlane, UdpTunnelReceiver, AutoCloseable {

    public static final String NAME = "user-space (TUN)";
    private static final Logger LOG = LoggerFactory.getLogger(UserSpaceDataPlane.class);

    private final TunnelTable table;
    private final Drops drops;
    private final HomeRoutes routes;
    private final Announcer announcer;
    private final String device;
    private final UdpTunnelReceiver udp;
    private final AutoCloseable resources;
    private final Supplier<List<String>> facts;

    UserSpaceDataPlane(TunnelTable table, Drops drops, HomeRoutes routes, Announcer announcer, String device,
            UdpTunnelReceiver udp, AutoCloseable resources, Supplier<List<String>> facts) {
        this.table = table;
        this.drops = drops;
        this.routes = routes;
        this.announcer = announcer;
        this.device = device;
        this.udp = udp;
        this.resources = resources;
        this.facts = facts;
    }

    /**
     * Opens the TUN device and the raw sockets and starts forwarding; throws (a
     * {@link com.sun.jna.LastErrorException} with EPERM without CAP_NET_ADMIN) when it cannot.
     */
    public static UserSpaceDataPlane open(LibC libc, UserSpaceSettings settings, HomeRoutes routes,
            Announcer announcer, Supplier<List<String>> facts) {
        TunnelTable table = new TunnelTable(settings.udpLocalPort());
        Drops drops = new Drops();
        UserSpaceForwarder forwarder = UserSpaceForwarder.open(libc, settings, table, drops);
        LOG.info("user-space forwarder on TUN {} (mtu {}, batches of {})", forwarder.tunName(), settings.mtu(),
                settings.batch());
        return new UserSpaceDataPlane(table, drops, routes, announcer, forwarder.tunName(),
                (message, sender, recipient) -> forwarder.tunnelData(message, sender), forwarder, facts);
    }

    /** The device the home addresses are routed to. */
    public String device() {
        return device;
    }

    @Override
    public synchronized void install(TunnelSpec tunnel) {
        int home = Ipv4.toInt(tunnel.homeAddress());
        switch (table.put(tunnel)) {
            case NEW_HOME -> {
                routes.route(home, device);
                routes.flush();
                announcer.announce(home);
            }
            case NEW_BINDING, CHANGED, UNCHANGED -> {
                // the home address is routed and proxied already; the tunnel table is all that changed
            }
        }
    }

    @Override
    public synchronized void update(BindingKey previous, TunnelSpec tunnel) {
        if (table.move(previous, tunnel)) {
            // RFC 5944 §4.6: the binding moved; the home link keeps sending to us, told once more
            announcer.announce(Ipv4.toInt(tunnel.homeAddress()));
            return;
        }
        remove(previous);
        install(tunnel);
    }

    @Override
    public synchronized void remove(BindingKey key) {
        if (table.remove(key)) {
            routes.unroute(Ipv4.toInt(key.homeAddress()), device);
            routes.flush();
        }
    }

    @Override
    public synchronized void reconcile(Collection<TunnelSpec> live) {
        adopt(live);
        routeAdopted(routes.removeUnexplained(wantedRoutes()));
    }

    @Override
    public synchronized void takeOver(Collection<TunnelSpec> live) {
        adopt(live);
        routes.removeUnexplained(wantedRoutes());
        // until now the home link sent these home addresses to another node: every one is announced,
        // proxied here already or not
        routeAdopted(Set.of());
    }

    /**
     * The first half of {@link #reconcile} for a caller that owns the host's listings (the kernel
     * data plane, whose routes and proxy entries share the home link with ours): the tunnel table
     * agrees with {@code live}, nothing is asked of the host.
     */
    public synchronized void adopt(Collection<TunnelSpec> live) {
        Set<BindingKey> keep = live.stream().map(TunnelSpec::key).collect(Collectors.toSet());
        for (TunnelSpec installed : table.specs()) {
            if (!keep.contains(installed.key())) {
                table.remove(installed.key());
            }
        }
        live.forEach(table::put);
    }

    /** Home address to device, for every home address the tunnel table routes into the TUN device. */
    public synchronized Map<Integer, String> wantedRoutes() {
        Map<Integer, String> wanted = new HashMap<>();
        table.specs().forEach(s -> wanted.put(Ipv4.toInt(s.homeAddress()), device));
        return wanted;
    }

    /**
     * The second half of {@link #reconcile}: routes every home address of the tunnel table into the
     * TUN device, after whoever owns the listings removed what no binding explains.
     *
     * @param alreadyProxied home addresses the home link already sends to us: not announced again
     */
    public synchronized void routeAdopted(Set<Integer> alreadyProxied) {
        Set<Integer> homes = wantedRoutes().keySet();
        // the TUN device is new at every start, so every route is installed again; only home
        // addresses the home link does not already send to us are announced
        homes.forEach(home -> routes.route(home, device));
        routes.flush();
        List<Integer> unknownToTheLink = homes.stream().filter(home -> !alreadyProxied.contains(home)).toList();
        unknownToTheLink.forEach(announcer::announce);
        LOG.info("reconciled the host with {} user-space tunnels ({} home addresses, {} announced)", table.size(),
                homes.size(), unknownToTheLink.size());
    }

    /**
     * Forgets the tunnel of {@code key} without asking anything of the host: the kernel data plane
     * took the binding over (its encapsulation or care-of address is one the kernel forwards) and
     * routes the home address itself, so our route and proxy entry must not be deleted under it.
     *
     * @return true when it was the home address's last tunnel here
     */
    public synchronized boolean release(BindingKey key) {
        return table.remove(key);
    }

    /**
     * {@code owner}'s bindings of {@code home}, a home address another node forwards, whose reverse
     * tunnels are still admitted and unwrapped here: exactly {@code bindings} from now on (empty: none).
     * The host is asked nothing (no route, no proxy entry, no announcement) and the forward direction
     * never sees them; other owners' entries stay.
     */
    public synchronized void admitReverseOnly(ReverseOnlyOwner owner, Inet4Address home,
            Collection<TunnelSpec> bindings) {
        table.admitReverseOnly(owner, Ipv4.toInt(home), bindings);
    }

    /** The same for every home address at once: whatever {@code owner} admitted and is not in {@code bindings} goes. */
    public synchronized void admitReverseOnly(ReverseOnlyOwner owner, Collection<TunnelSpec> bindings) {
        table.admitReverseOnly(owner, bindings);
    }

    /** Whether any tunnel of this home address is here. */
    public synchronized boolean serves(int home) {
        return table.find(home).length > 0;
    }

    @Override
    public Optional<TunnelCounters> counters(BindingKey key) {
        return Optional.ofNullable(table.find(key)).map(TunnelEntry::counters);
    }

    @Override
    public List<TunnelSpec> tunnels() {
        return table.specs();
    }

    @Override
    public DataPlaneStatus status() {
        List<String> lines = new ArrayList<>(facts.get());
        lines.addAll(drops.describe());
        for (ReverseOnlyOwner owner : ReverseOnlyOwner.ALL) {
            int reverseOnly = table.reverseOnlySize(owner);
            long admitted = table.reverseOnlyAdmittedCount(owner);
            if (reverseOnly > 0 || admitted > 0) {
                lines.add(owner.description() + ": " + reverseOnly + " bindings admitted, " + admitted
                        + " datagrams unwrapped");
            }
        }
        return new DataPlaneStatus(NAME, true, "forwarding through TUN " + device, table.size(), lines);
    }

    @Override
    public void tunnelData(TunnelData message, InetSocketAddress sender, InetSocketAddress recipient) {
        udp.tunnelData(message, sender, recipient);
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }
}
