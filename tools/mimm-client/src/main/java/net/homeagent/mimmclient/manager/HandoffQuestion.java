package net.homeagent.mimmclient.manager;

/**
 * What the mobile puts to the advisor before it moves: the Request Handoff's content
 * (docs/protocols.md, "MIMM handoff extensions").
 *
 * @param target           the link it wants to move to (its network, care-of address and type)
 * @param currentNetwork   the network it is in now, 0 = none
 * @param signalDbm        the target's signal, dBm
 * @param realTimeSessions the calls and video sessions it carries
 * @param sessionKbps      their bandwidth, kbit/s
 */
public record HandoffQuestion(LinkProfile target, int currentNetwork, int signalDbm, int realTimeSessions,
        long sessionKbps) {
}
