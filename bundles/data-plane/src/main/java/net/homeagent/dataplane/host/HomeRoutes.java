package net.homeagent.dataplane.host;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import net.homeagent.mip.codec.wire.Ipv4;

/**
 * The host state every data plane implementation keeps for a home address away from home: a host
 * route into the data plane (tagged with our own routing protocol number, so that reconcile can
 * tell our routes from anyone else's) and a proxy ARP entry on the home link (RFC 5944 §4.6), so
 * that the home link delivers the home address's datagrams to us.
 *
 * <p>Proxy ARP comes in two ways. {@code entries}: one {@code ip neigh ... proxy} entry per home
 * address, exact, but Linux keeps them in a 16-bucket hash (PNEIGH_HASHMASK), so each insert gets
 * slower with their number (docs/PERFORMANCE.md: 100,000 in about 20 s). {@code interface}:
 * {@code proxy_arp = 1} on the home interface, so the kernel answers for every address whose route
 * leaves by another interface, the host routes into the data plane included: nothing per home
 * address, for very large tables.
 */
public final class HomeRoutes {

    private final HostCommands host;
    private final String homeInterface;
    private final int protocol;
    private final boolean proxyEntries;

    /**
     * @param proxyEntries a proxy entry per home address; false when the home interface proxies
     *                     ARP by route ({@code proxy_arp = 1}, set by the caller)
     */
    public HomeRoutes(HostCommands host, String homeInterface, int protocol, boolean proxyEntries) {
        this.host = host;
        this.homeInterface = homeInterface;
        this.protocol = protocol;
        this.proxyEntries = proxyEntries;
    }

    /** Routes the home address into {@code device} and proxies ARP for it on the home link. */
    public void route(int home, String device) {
        host.send("route replace " + Ipv4.text(home) + "/32 dev " + device + " proto " + protocol);
        if (proxyEntries) {
            host.send("neigh replace proxy " + Ipv4.text(home) + " dev " + homeInterface);
        }
    }

    /** Takes both away: the home address has no binding left. */
    public void unroute(int home, String device) {
        if (proxyEntries) {
            host.send("neigh del proxy " + Ipv4.text(home) + " dev " + homeInterface);
        }
        host.send("route del " + Ipv4.text(home) + "/32 dev " + device + " proto " + protocol);
    }

    public void flush() {
        host.flush();
    }

    /**
     * Removes every route of our protocol and every proxy entry on the home link that {@code wanted}
     * (home address to device) does not explain.
     *
     * @return the home addresses the home link already sends to us (their proxy entry, or with
     *         proxy ARP by route their route, is there): no gratuitous ARP needed
     */
    public Set<Integer> removeUnexplained(Map<Integer, String> wanted) {
        Set<Integer> routed = new HashSet<>();
        for (String line : host.list("route", "show", "proto", Integer.toString(protocol))) {
            String[] words = line.trim().split("\\s+");
            if (words.length < 3 || !"dev".equals(words[1])) {
                continue;
            }
            Integer home = parseHost(words[0]);
            String device = words[2];
            if (home == null || !device.equals(wanted.get(home))) {
                host.send("route del " + words[0] + " dev " + device + " proto " + protocol);
            } else {
                routed.add(home);
            }
        }
        Set<Integer> proxied = new HashSet<>();
        for (String line : host.list("neigh", "show", "proxy", "dev", homeInterface)) {
            String[] words = line.trim().split("\\s+");
            Integer home = words.length > 0 ? parseHost(words[0]) : null;
            if (home == null) {
                continue;
            }
            if (proxyEntries && wanted.containsKey(home)) {
                proxied.add(home);
            } else {
                host.send("neigh del proxy " + words[0] + " dev " + homeInterface);
            }
        }
        host.flush();
        return proxyEntries ? proxied : routed;
    }

    /** "10.0.1.10" or "10.0.1.10/32" as an int; null for anything else (a prefix, IPv6). */
    static Integer parseHost(String text) {
        String address = text.endsWith("/32") ? text.substring(0, text.length() - 3) : text;
        String[] parts = address.split("\\.");
        if (parts.length != 4) {
            return null;
        }
        int value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return null;
            }
            value = value << 8 | octet;
        }
        return value;
    }
}
