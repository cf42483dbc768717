package net.homeagent.mimmclient.manager;

import java.net.Inet4Address;
import java.util.Objects;
import java.util.Optional;

import net.homeagent.mip.codec.mimm.LinkType;

/**
 * What the mobile knows of one of its links beyond the signal: configured per interface.
 *
 * @param iface         the interface name
 * @param type          its kind of radio (or wire)
 * @param networkId     the network it attaches to, as the advisor numbers them (etc/mimm-networks.conf, 1-65535)
 * @param bitRateKbps   its nominal bit rate
 * @param powerMilliwatts what using it costs the battery
 * @param costPerMegabyte what using it costs the user (any currency, compared only between links)
 * @param preference    the user's preference, higher is preferred (0 = none)
 * @param careOf        the co-located care-of address the mobile has on it
 * @param gateway       its default gateway, if the route needs one (a point-to-point link does not)
 */
public record LinkProfile(String iface, LinkType type, int networkId, long bitRateKbps, double powerMilliwatts,
        double costPerMegabyte, int preference, Inet4Address careOf, Optional<Inet4Address> gateway) {

    public LinkProfile {
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(careOf, "careOf");
        Objects.requireNonNull(gateway, "gateway");
        if (networkId < 1 || networkId > 0xffff) {
            throw new IllegalArgumentException(iface + ": network id is 1..65535: " + networkId);
        }
        if (bitRateKbps < 0 || powerMilliwatts < 0 || costPerMegabyte < 0 || preference < 0) {
            throw new IllegalArgumentException(iface + ": bit rate, power, cost and preference are not negative");
        }
    }
}
