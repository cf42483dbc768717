package net.homeagent.mimmclient.manager;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.homeagent.mip.codec.mimm.LinkType;
import net.homeagent.mip.codec.wire.Ipv4;

/**
 * The mobile's links, one a line: {@code <iface> <type> <network> <care-of> <gateway|-> <kbit/s> <mW>
 * <cost/MB> <preference>} ({@code #} starts a comment). Type is one of {@code unknown wlan cellular
 * ethernet satellite}; network is the advisor's id (etc/mimm-networks.conf). A bad line is an error
 * naming its number: a mobile must not run with half its links.
 */
public final class LinkProfileFile {

    private LinkProfileFile() {
    }

    public static List<LinkProfile> parse(List<String> lines) {
        List<LinkProfile> links = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            try {
                LinkProfile link = profile(content.split("\\s+"));
                checkGroup(link, links);
                links.add(link);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (links.isEmpty()) {
            throw new IllegalArgumentException("no link");
        }
        return links;
    }

    /**
     * Links that share a care-of address are one subnet group (docs/mimm.md "Client: subnet groups"):
     * one network, one gateway, which they must name (the route through a member that does not hold
     * the address needs it).
     */
    private static void checkGroup(LinkProfile link, List<LinkProfile> before) {
        for (LinkProfile other : before) {
            if (!other.careOf().equals(link.careOf())) {
                continue;
            }
            if (other.networkId() != link.networkId() || link.gateway().isEmpty()
                    || !other.gateway().equals(link.gateway())) {
                throw new IllegalArgumentException(link.iface() + " shares care-of address "
                        + link.careOf().getHostAddress() + " with " + other.iface()
                        + ": a subnet group has one network and one gateway, named on each line");
            }
        }
    }

    private static LinkProfile profile(String[] f) {
        if (f.length != 9) {
            throw new IllegalArgumentException(f.length + " fields, 9 expected: <iface> <type> <network> <care-of> "
                    + "<gateway|-> <kbit/s> <mW> <cost/MB> <preference>");
        }
        LinkType type = LinkType.ofLabel(f[1]).orElseThrow(() -> new IllegalArgumentException("type '" + f[1]
                + "' is not one of unknown, wlan, cellular, ethernet, satellite"));
        Optional<Inet4Address> gateway = f[4].equals("-") ? Optional.empty() : Optional.of(address(f[4]));
        try {
            return new LinkProfile(f[0], type, Integer.parseInt(f[2]), Long.parseLong(f[5]), Double.parseDouble(f[6]),
                    Double.parseDouble(f[7]), Integer.parseInt(f[8]), address(f[3]), gateway);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("network, kbit/s, mW, cost and preference are numbers: " + e.getMessage());
        }
    }

    private static Inet4Address address(String text) {
        return Ipv4.parse(text).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an IPv4 address"));
    }
}
