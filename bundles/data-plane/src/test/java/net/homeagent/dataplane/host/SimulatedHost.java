package net.homeagent.dataplane.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A host whose tables follow the {@code ip -batch} lines as the kernel's would: routes of one
 * protocol (home address to device), proxy entries of one home interface, tunnel devices. Listings
 * answer from these tables, so a test sees what a data plane leaves on the host, not only what it
 * said. As in the kernel, deleting a route names its device and fails when the route goes elsewhere,
 * and deleting a device takes the routes through it along.
 */
public final class SimulatedHost implements HostCommands {

    /** Home address ("10.0.1.10") to the device it is routed into. */
    public final Map<String, String> routes = new TreeMap<>();
    public final Set<String> proxyEntries = new TreeSet<>();
    public final Set<String> devices = new TreeSet<>();
    /** What a delete line took away ("route 10.0.1.10 dev mip0", "proxy 10.0.1.10", "link mii..."). */
    public final List<String> deleted = new ArrayList<>();
    private final String homeInterface;
    private final int protocol;
    private long failures;

    public SimulatedHost(String homeInterface, int protocol) {
        this.homeInterface = homeInterface;
        this.protocol = protocol;
    }

    @Override
    public void send(String line) {
        String[] w = line.split(" ");
        boolean done = switch (w[0] + " " + w[1]) {
            case "route replace" -> {
                routes.put(host(w[2]), w[4]);
                yield true;
            }
            case "route del" -> deleted(routes.remove(host(w[2]), w[4]), "route " + host(w[2]) + " dev " + w[4]);
            case "neigh replace" -> {
                proxyEntries.add(w[3]);
                yield true;
            }
            case "neigh del" -> deleted(proxyEntries.remove(w[3]), "proxy " + w[3]);
            case "link add" -> devices.add(w[2]);
            case "link set" -> devices.contains(w[2]);
            case "link del" -> {
                new ArrayList<>(routes.keySet()).stream().filter(home -> w[2].equals(routes.get(home)))
                        .forEach(home -> deleted(routes.remove(home, w[2]), "route " + home + " dev " + w[2]));
                yield deleted(devices.remove(w[2]), "link " + w[2]);
            }
            default -> throw new IllegalArgumentException("not simulated: " + line);
        };
        if (!done) {
            failures++;
        }
    }

    private boolean deleted(boolean wasThere, String what) {
        if (wasThere) {
            deleted.add(what);
        }
        return wasThere;
    }

    private static String host(String prefix) {
        return prefix.endsWith("/32") ? prefix.substring(0, prefix.length() - 3) : prefix;
    }

    @Override
    public void flush() {
        // lines are applied as they are sent, in order, as ip -batch applies them
    }

    @Override
    public List<String> list(String... arguments) {
        String asked = String.join(" ", arguments);
        List<String> lines = new ArrayList<>();
        if (asked.equals("route show proto " + protocol)) {
            routes.forEach((home, device) -> lines.add(home + " dev " + device + " scope link "));
        } else if (asked.equals("neigh show proxy dev " + homeInterface)) {
            proxyEntries.forEach(home -> lines.add(home + " proxy"));
        } else if (asked.equals("link show")) {
            devices.forEach(device -> lines.add((lines.size() + 2) + ": " + device + "@NONE: <POINTOPOINT,NOARP,UP>"));
        } else {
            throw new IllegalArgumentException("not simulated: ip -o " + asked);
        }
        return lines;
    }

    @Override
    public Optional<String> probe(String... arguments) {
        return Optional.empty();
    }

    /** Lines the simulated kernel refused: a route or proxy entry or device that was not there, one that was. */
    @Override
    public long failures() {
        return failures;
    }
}
