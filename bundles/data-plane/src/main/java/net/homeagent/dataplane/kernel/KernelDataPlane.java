package net.homeagent.dataplane.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.dataplane.host.Announcer;
import net.homeagent.dataplane.host.HomeRoutes;
import net.homeagent.dataplane.host.HostCommands;
import net.homeagent.dataplane.userspace.UserSpaceDataPlane;
import net.homeagent.mip.api.BindingKey;
import net.homeagent.mip.api.DataPlane;
import net.homeagent.mip.api.DataPlaneStatus;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.TunnelCounters;
import net.homeagent.mip.api.TunnelSpec;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * The data plane for hosts whose kernel has ipip and gre: the kernel forwards, we only program it,
 * through the one long-lived {@code ip -batch} process. IP-in-IP tunnels are shared per care-of
 * address (a million bindings behind a thousand foreign agents are a thousand devices), with a
 * host route per home address; GRE tunnels carry the home address as key and are one per binding.
 * Linux has neither minimal encapsulation (RFC 2004) nor RFC 3519 UDP tunnelling, so those
 * bindings go to {@code fallback}, the user-space forwarder, when there is one. Both keep their
 * routes and proxy entries in the same host tables, so a home address whose binding changes sides
 * (an encapsulation change, or a care-of change to a binding of the other encapsulation) is handed
 * over: the side that takes it routes it, the side that leaves forgets its tunnel without deleting
 * the route and proxy entry under the other.
 *
 * <p>Reverse tunnelling is the kernel's too: a tunnel device with {@code remote} set accepts only
 * its care-of address, and strict reverse-path filtering ({@code rp_filter=1}, set as the default
 * for new devices at start) drops an inner source that is not a home address routed into that
 * tunnel (RFC 3024 §4.2.1).
 */
public final class KernelDataPlane implements DataPlane {

    public static final String NAME = "kernel (ipip/gre)";
    private static final Logger LOG = LoggerFactory.getLogger(KernelDataPlane.class);

    private final HostCommands host;
    private final HomeRoutes routes;
    private final Announcer announcer;
    private final Optional<UserSpaceDataPlane> fallback;
    private final Path sysClassNet;
    private final Supplier<List<String>> facts;
    private final Map<BindingKey, TunnelSpec> installed = new HashMap<>();
    private final Map<String, Set<BindingKey>> deviceUsers = new HashMap<>();
    private final Map<Integer, BindingKey> routedHome = new HashMap<>();
    private long refused;

    public KernelDataPlane(HostCommands host, HomeRoutes routes, Announcer announcer,
            Optional<UserSpaceDataPlane> fallback, Path sysClassNet, Supplier<List<String>> facts) {
        this.host = host;
        this.routes = routes;
        this.announcer = announcer;
        this.fallback = fallback;
        this.sysClassNet = sysClassNet;
        this.facts = facts;
    }

    static boolean kernelCan(Encapsulation encapsulation) {
        return encapsulation == Encapsulation.IP_IN_IP || encapsulation == Encapsulation.GRE;
    }

    @Override
    public synchronized void install(TunnelSpec tunnel) {
        install(tunnel, Set.of(), true);
    }

    private void install(TunnelSpec tunnel, Set<String> existingDevices, boolean announce) {
        if (!kernelCan(tunnel.encapsulation())) {
            installElsewhere(tunnel);
            return;
        }
        TunnelSpec before = installed.get(tunnel.key());
        if (tunnel.equals(before)) {
            return;
        }
        if (before != null) {
            uninstall(before);
        }
        String device = KernelTunnelNames.of(tunnel);
        Set<BindingKey> users = deviceUsers.computeIfAbsent(device, d -> new HashSet<>());
        if (users.isEmpty() && !existingDevices.contains(device)) {
            host.send(tunnelLine(tunnel, device));
            host.send("link set " + device + " up");
        }
        users.add(tunnel.key());
        installed.put(tunnel.key(), tunnel);
        int home = Ipv4.toInt(tunnel.homeAddress());
        boolean newHome = !routedHome.containsKey(home) && fallback.map(f -> !f.serves(home)).orElse(true);
        // with simultaneous bindings the kernel routes a home address one way: the newest binding's
        routedHome.put(home, tunnel.key());
        // if the user-space forwarder had this binding (minimal or UDP until now) it forgets it; the
        // route replaced next takes the home address over without a moment unrouted
        fallback.ifPresent(f -> f.release(tunnel.key()));
        routes.route(home, device);
        routes.flush();
        if (newHome && announce) {
            announcer.announce(home);
        }
    }

    private void installElsewhere(TunnelSpec tunnel) {
        if (fallback.isPresent()) {
            fallback.get().install(tunnel);
        } else {
            refused++;
            LOG.warn("binding {} at {} asks for {} encapsulation, which the Linux kernel does not implement, and the"
                    + " user-space forwarder is off: not forwarded", tunnel.homeAddress().getHostAddress(),
                    tunnel.careOfAddress().getHostAddress(), tunnel.encapsulation());
        }
        // the binding was IP in IP or GRE until now: the kernel's tunnel goes, after the user-space
        // forwarder routed the home address into its device
        TunnelSpec here = installed.get(tunnel.key());
        if (here != null) {
            uninstall(here);
        }
    }

    /** The {@code ip link add} line of a tunnel device (ip-link(8), ipip and gre types). */
    static String tunnelLine(TunnelSpec tunnel, String device) {
        String ends = " local " + tunnel.source().getHostAddress() + " remote "
                + tunnel.careOfAddress().getHostAddress() + " ttl 64";
        if (tunnel.encapsulation() == Encapsulation.GRE) {
            long key = Ipv4.toUnsigned(tunnel.homeAddress());
            return "link add " + device + " type gre" + ends + " ikey " + key + " okey " + key;
        }
        return "link add " + device + " type ipip" + ends;
    }

    @Override
    public synchronized void update(BindingKey previous, TunnelSpec tunnel) {
        // install first: the home address's route is replaced, never missing
        install(tunnel);
        if (!previous.equals(tunnel.key())) {
            TunnelSpec old = installed.get(previous);
            if (old != null) {
                uninstall(old);
            } else {
                removeElsewhere(previous);
            }
            announcer.announce(Ipv4.toInt(tunnel.homeAddress()));
        }
    }

    @Override
    public synchronized void remove(BindingKey key) {
        TunnelSpec spec = installed.get(key);
        if (spec == null) {
            removeElsewhere(key);
            return;
        }
        uninstall(spec);
    }

    /**
     * The user-space forwarder's binding goes. When it was the home address's last there, the home
     * address goes back to the kernel's binding of it, if there is one (a care-of change from minimal
     * or UDP to IP in IP or GRE has just installed it), or its route and proxy entry go.
     */
    private void removeElsewhere(BindingKey key) {
        if (fallback.isEmpty() || !fallback.get().release(key)) {
            return;
        }
        int home = Ipv4.toInt(key.homeAddress());
        BindingKey carrying = routedHome.get(home);
        if (carrying != null) {
            routes.route(home, KernelTunnelNames.of(installed.get(carrying)));
        } else {
            routes.unroute(home, fallback.get().device());
        }
        routes.flush();
    }

    private void uninstall(TunnelSpec spec) {
        installed.remove(spec.key());
        String device = KernelTunnelNames.of(spec);
        int home = Ipv4.toInt(spec.homeAddress());
        if (spec.key().equals(routedHome.get(home))) {
            routeRemaining(home, device);
        }
        Set<BindingKey> users = deviceUsers.get(device);
        users.remove(spec.key());
        if (users.isEmpty()) {
            deviceUsers.remove(device);
            host.send("link del " + device);
        }
        routes.flush();
    }

    /**
     * A binding of {@code home} that carried its traffic went: the traffic goes to a binding left on
     * either side, or, with none left, the route (into {@code leftDevice}) and proxy entry go.
     */
    private void routeRemaining(int home, String leftDevice) {
        Optional<TunnelSpec> other = installed.values().stream()
                .filter(s -> Ipv4.toInt(s.homeAddress()) == home).findFirst();
        if (other.isPresent()) {
            routedHome.put(home, other.get().key());
            routes.route(home, KernelTunnelNames.of(other.get()));
            return;
        }
        routedHome.remove(home);
        Optional<UserSpaceDataPlane> serving = fallback.filter(f -> f.serves(home));
        if (serving.isPresent()) {
            routes.route(home, serving.get().device());
        } else {
            routes.unroute(home, leftDevice);
        }
    }

    @Override
    public synchronized void reconcile(Collection<TunnelSpec> live) {
        reconcile(live, false);
    }

    @Override
    public synchronized void takeOver(Collection<TunnelSpec> live) {
        // the home link sent these home addresses to another node until now: every one is announced
        reconcile(live, true);
    }

    /** @param announceEvery announce every home address, not only those the host did not proxy yet */
    private void reconcile(Collection<TunnelSpec> live, boolean announceEvery) {
        // after a crash the host's listings say what is there, not this object; nothing is taken
        // down first, so a live binding's route and device stay in place throughout
        installed.clear();
        deviceUsers.clear();
        routedHome.clear();
        Set<String> wantedDevices = new HashSet<>();
        Map<Integer, String> wantedRoutes = new HashMap<>();
        List<TunnelSpec> elsewhere = new ArrayList<>();
        for (TunnelSpec spec : live) {
            if (kernelCan(spec.encapsulation())) {
                String device = KernelTunnelNames.of(spec);
                wantedDevices.add(device);
                wantedRoutes.put(Ipv4.toInt(spec.homeAddress()), device);
            } else {
                elsewhere.add(spec);
            }
        }
        // the user-space forwarder's routes and proxy entries are in the same host tables as ours:
        // one look at them for both sides, or each side deletes what the other explains; a home
        // address with bindings on both sides ends up routed into the TUN device, routed last
        fallback.ifPresent(f -> {
            f.adopt(elsewhere);
            wantedRoutes.putAll(f.wantedRoutes());
        });
        Set<String> existing = new HashSet<>();
        for (String line : host.list("link", "show")) {
            // "7: mii0a000202ab12@NONE: <POINTOPOINT,NOARP,UP> ..."
            String[] words = line.split(":\\s+", 3);
            if (words.length < 2) {
                continue;
            }
            String name = words[1].split("@")[0];
            if (KernelTunnelNames.OURS.matcher(name).matches()) {
                if (wantedDevices.contains(name)) {
                    existing.add(name);
                } else {
                    host.send("link del " + name);
                }
            }
        }
        Set<Integer> alreadyProxied = routes.removeUnexplained(wantedRoutes);
        Set<Integer> proxied = announceEvery ? Set.of() : alreadyProxied;
        for (TunnelSpec spec : live) {
            if (kernelCan(spec.encapsulation())) {
                install(spec, existing, !proxied.contains(Ipv4.toInt(spec.homeAddress())));
            }
        }
        fallback.ifPresent(f -> f.routeAdopted(proxied));
        LOG.info("reconciled the kernel with {} live bindings: {} tunnel devices kept, {} in all", live.size(),
                existing.size(), deviceUsers.size());
    }

    @Override
    public synchronized Optional<TunnelCounters> counters(BindingKey key) {
        TunnelSpec spec = installed.get(key);
        if (spec == null) {
            return fallback.flatMap(f -> f.counters(key));
        }
        String device = KernelTunnelNames.of(spec);
        TunnelCounters.Scope scope = spec.encapsulation() == Encapsulation.GRE ? TunnelCounters.Scope.BINDING
                : TunnelCounters.Scope.SHARED_TUNNEL;
        return Optional.of(new TunnelCounters(statistic(device, "tx_packets"), statistic(device, "tx_bytes"),
                statistic(device, "rx_packets"), statistic(device, "rx_bytes"), statistic(device, "rx_dropped"),
                scope));
    }

    private long statistic(String device, String name) {
        try {
            return Long.parseLong(Files.readString(sysClassNet.resolve(device).resolve("statistics").resolve(name))
                    .trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public synchronized List<TunnelSpec> tunnels() {
        List<TunnelSpec> all = new ArrayList<>(installed.values());
        fallback.ifPresent(f -> all.addAll(f.tunnels()));
        all.sort(TunnelSpec.BY_ADDRESSES);
        return all;
    }

    @Override
    public synchronized DataPlaneStatus status() {
        List<String> lines = new ArrayList<>(facts.get());
        lines.add("kernel tunnel devices: " + deviceUsers.size());
        fallback.ifPresentOrElse(f -> lines.add("minimal and UDP tunnels: " + f.status().detail()),
                () -> lines.add("minimal and UDP tunnels: not forwarded (no user-space forwarder), refused " + refused));
        return new DataPlaneStatus(NAME, true, "forwarding in the kernel", installed.size()
                + fallback.map(f -> f.status().tunnels()).orElse(0), lines);
    }
}
