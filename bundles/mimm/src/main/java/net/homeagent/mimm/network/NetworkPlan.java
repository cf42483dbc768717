package net.homeagent.mimm.network;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.homeagent.mip.codec.mimm.LinkType;

/**
 * The networks of etc/mimm-networks.conf, by id and by care-of address (longest prefix wins, so a
 * small cell inside a wide block is told apart).
 */
public final class NetworkPlan {

    private final Map<Integer, Network> byId;

    public NetworkPlan(List<Network> networks) {
        Map<Integer, Network> ids = new LinkedHashMap<>();
        for (Network network : networks) {
            if (ids.putIfAbsent(network.id(), network) != null) {
                throw new IllegalArgumentException("network id " + network.id() + " is defined twice");
            }
        }
        this.byId = Map.copyOf(ids);
    }

    /**
     * Parses the file's lines: {@code <id> <name> <type> <prefix>[,<prefix>...] <mobiles> <kbit/s>},
     * fields separated by blanks, '#' starts a comment.
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
        if (fields.length != 6) {
            throw new IllegalArgumentException("6 fields expected (id name type prefixes mobiles kbit/s), found "
                    + fields.length);
        }
        LinkType type = LinkType.ofLabel(fields[2]).orElseThrow(() -> new IllegalArgumentException(
                "unknown type " + fields[2] + ", one of " + Arrays.stream(LinkType.values()).map(LinkType::label).toList()));
        List<Ipv4Prefix> prefixes = Arrays.stream(fields[3].split(",")).map(Ipv4Prefix::parse).toList();
        return new Network(Integer.parseInt(fields[0]), fields[1], type, prefixes, Integer.parseInt(fields[4]),
                Long.parseLong(fields[5]));
    }

    public Optional<Network> byId(int id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The network whose prefix holds {@code careOf} most narrowly, if any. */
    public Optional<Network> byCareOf(Inet4Address careOf) {
        Network best = null;
        int bestLength = -1;
        for (Network network : byId.values()) {
            int length = network.longestMatch(careOf);
            if (length > bestLength) {
                best = network;
                bestLength = length;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Every network, by id. */
    public List<Network> networks() {
        return byId.values().stream().sorted(Comparator.comparingInt(Network::id)).toList();
    }
}
