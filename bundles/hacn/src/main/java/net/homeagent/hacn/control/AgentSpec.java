package net.homeagent.hacn.control;

import java.net.InetSocketAddress;

import net.homeagent.hacn.Endpoints;

/**
 * One configured HA: its peer-link node id and address; for a redundant HA its priority (higher
 * is chosen first) and capacity (bindings it can take, 0 = no limit).
 */
public record AgentSpec(int nodeId, InetSocketAddress address, boolean redundant, int priority, int capacity) {

    public AgentSpec {
        if (nodeId <= 0) {
            throw new IllegalArgumentException("HA node id must be positive: " + nodeId);
        }
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity of HA " + nodeId + " is negative");
        }
    }

    /** {@code nodeId@host:port}, an active HA. */
    static AgentSpec active(String text) {
        int at = text.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("agents: not nodeId@host:port: '" + text + "'");
        }
        return new AgentSpec(number("agents", text.substring(0, at)), Endpoints.socket("agents", text.substring(at + 1)),
                false, 0, 0);
    }

    /** {@code nodeId@host:port priority capacity}, a redundant HA. */
    static AgentSpec redundant(String text) {
        String[] fields = text.trim().split("\\s+");
        if (fields.length != 3) {
            throw new IllegalArgumentException("redundantAgents: not 'nodeId@host:port priority capacity': '" + text
                    + "'");
        }
        AgentSpec where = active(fields[0]);
        return new AgentSpec(where.nodeId(), where.address(), true, number("redundantAgents", fields[1]),
                number("redundantAgents", fields[2]));
    }

    static int number(String key, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a number: '" + text + "'");
        }
    }
}
