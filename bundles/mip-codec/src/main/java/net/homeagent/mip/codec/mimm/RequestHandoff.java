package net.homeagent.mip.codec.mimm;

import java.util.OptionalInt;

/**
 * A mobile's question "may I move to this network?", carried in a Registration Request as a CVSE
 * (docs/protocols.md, "MIMM handoff extensions").
 *
 * @param targetNetwork   the network it wants to move to; empty = the one its care-of address is in
 * @param currentNetwork  the network it is in now; 0 = none or not known
 * @param signalDbm       the target link's signal strength, dBm (-128..127)
 * @param linkType        the target link's type
 * @param realTimeSessions real-time sessions (calls, video) the mobile carries, 0..65535
 * @param sessionKbps     the bandwidth of those sessions, kbit/s (32 bits unsigned)
 */
public record RequestHandoff(OptionalInt targetNetwork, int currentNetwork, int signalDbm, LinkType linkType,
        int realTimeSessions, long sessionKbps) {

    public RequestHandoff {
        targetNetwork.ifPresent(id -> requireNetworkId(id, "target network"));
        if (currentNetwork != 0) {
            requireNetworkId(currentNetwork, "current network");
        }
        if (signalDbm < Byte.MIN_VALUE || signalDbm > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("signal is one signed octet, dBm: " + signalDbm);
        }
        if (realTimeSessions < 0 || realTimeSessions > 0xffff) {
            throw new IllegalArgumentException("real-time sessions are 16 bits: " + realTimeSessions);
        }
        if (sessionKbps < 0 || sessionKbps > 0xffff_ffffL) {
            throw new IllegalArgumentException("session bandwidth is 32 bits: " + sessionKbps);
        }
    }

    /** Network ids are 16 bits on the wire; 0 means "none". */
    static void requireNetworkId(int id, String what) {
        if (id < 1 || id > 0xffff) {
            throw new IllegalArgumentException(what + " id is 1..65535: " + id);
        }
    }
}
