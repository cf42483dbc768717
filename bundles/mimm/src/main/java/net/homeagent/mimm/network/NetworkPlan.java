package net.homeagent.mimm.network;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import net.homeagent.mip.codec.mimm.LinkType;

/**
 * The networks of etc/mimm-networks.conf, by id and by care-of address (longest prefix wins, so a
 * small cell inside a wide block is told apart).
 */
public final class NetworkPlan {

    private final Map<Integer, Network> byId;
    private final List<Network> sorted;
    /**
     * Every network's prefixes, longest first (ties by network id): the first that holds a care-of
     * address is its longest match. Made once: a care-of address is looked up on every binding
     * event and every Request Handoff by care-of address (docs/PERFORMANCE.md "MIMM").
     */
    private final PrefixOf[] longestFirst;

    public NetworkPlan(List<Network> networks) {
        Map<Integer, Network> ids = new LinkedHashMap<>();
        for (Network network : networks) {
            if (ids.putIfAbsent(network.id(), network) != null) {
                throw new IllegalArgumentException("network id " + network.id() + " is defined twice");
            }
        }
        this.byId = Map.copyOf(ids);
        this.sorted = byId.values().stream().sorted(Comparator.comparingInt(Network::id)).toList();
        this.longestFirst = sorted.stream()
                .flatMap(network -> network.careOfPrefixes().stream().map(prefix -> new PrefixOf(prefix, network)))
                .sorted(Comparator.comparingInt((PrefixOf p) -> p.prefix().length()).reversed())
                .toArray(PrefixOf[]::new);
    }

    private record PrefixOf(Ipv4Prefix prefix, Network network) {
    }

    /**
     * Parses the file's lines: {@code <id> <name> <type> <prefix>[,<prefix>...] <mobiles> <kbit/s>
     * [<forwarded kbit/s>]}, fields separated by blanks, '#' starts a comment.
     *
     * @throws IllegalArgumentException naming the line that is wrong
     */
    public static NetworkPlan parse(List<String> lines) {
        List<Network> networks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            try {
                networks.add(parseLine(line.split("\\s+")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new NetworkPlan(networks);
    }

    private static Network parseLine(String[] fields) {
        if (fields.length != 6 && fields.length != 7) {
            throw new IllegalArgumentException("6 or 7 fields expected (id name type prefixes mobiles kbit/s"
                    + " [forwarded-kbit/s]), found " + fields.length);
        }
        LinkType type = LinkType.ofLabel(fields[2]).orElseThrow(() -> new IllegalArgumentException(
                "unknown type " + fields[2] + ", one of " + Arrays.stream(LinkType.values()).map(LinkType::label).toList()));
        List<Ipv4Prefix> prefixes = Arrays.stream(fields[3].split(",")).map(Ipv4Prefix::parse).toList();
        OptionalLong forwarded = fields.length == 7 ? OptionalLong.of(Long.parseLong(fields[6])) : OptionalLong.empty();
        return new Network(Integer.parseInt(fields[0]), fields[1], type, prefixes, Integer.parseInt(fields[4]),
                Long.parseLong(fields[5]), forwarded);
    }

    public Optional<Network> byId(int id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The network whose prefix holds {@code careOf} most narrowly, if any; of two networks with the
     * same prefix, the lower id.
     */
    public Optional<Network> byCareOf(Inet4Address careOf) {
        int address = Ipv4Prefix.toInt(careOf);
        for (PrefixOf candidate : longestFirst) {
            if (candidate.prefix().contains(address)) {
                return Optional.of(candidate.network());
            }
        }
        return Optional.empty();
    }

    /** Every network, by id. */
    public List<Network> networks() {
        return sorted;
    }
}
