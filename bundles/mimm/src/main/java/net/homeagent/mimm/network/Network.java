package net.homeagent.mimm.network;

import java.util.List;
import java.util.OptionalLong;

import net.homeagent.mip.codec.mimm.LinkType;

/**
 * One access network the advisor knows (a line of etc/mimm-networks.conf).
 *
 * @param id              the id mobiles and the advisor use on the wire, 1..65535
 * @param name            a name for the operator
 * @param type            its radio type
 * @param careOfPrefixes  the care-of addresses a mobile attached to it registers from
 * @param capacityMobiles mobiles it carries at most
 * @param capacityKbps    real-time kbit/s it carries at most
 * @param forwardedKbps   kbit/s the home agent may forward for its mobiles (the data plane's tunnels
 *                        to and from its care-of addresses) before it takes no newcomer; empty: not judged
 */
public record Network(int id, String name, LinkType type, List<Ipv4Prefix> careOfPrefixes, int capacityMobiles,
        long capacityKbps, OptionalLong forwardedKbps) {

    /** A network whose forwarded traffic is not judged. */
    public Network(int id, String name, LinkType type, List<Ipv4Prefix> careOfPrefixes, int capacityMobiles,
            long capacityKbps) {
        this(id, name, type, careOfPrefixes, capacityMobiles, capacityKbps, OptionalLong.empty());
    }

    public Network {
        careOfPrefixes = List.copyOf(careOfPrefixes);
        if (id < 1 || id > 0xffff) {
            throw new IllegalArgumentException("network id is 1..65535: " + id);
        }
        if (careOfPrefixes.isEmpty()) {
            throw new IllegalArgumentException("network " + id + " has no care-of prefix");
        }
        if (capacityMobiles < 0 || capacityKbps < 0 || forwardedKbps.orElse(0) < 0) {
            throw new IllegalArgumentException("network " + id + " has a negative capacity");
        }
    }
}
