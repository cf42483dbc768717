package net.homeagent.hacn.control;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import net.homeagent.hacn.Endpoints;

/**
 * One configured HA: its peer-link node id and address, whether it stands by at start (a
 * redundant HA), its priority (higher is chosen first to take over) and capacity (bindings it can
 * take, 0 = no limit). An active HA's priority and capacity count once it has rejoined as a
 * redundant HA (docs/hacn.md, "Rejoin").
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

    /** {@code nodeId@host:port}, an active HA with priority and capacity 0. */
    static AgentSpec active(String text) {
        int at = text.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("agents: not nodeId@host:port: '" + text + "'");
        }
        return new AgentSpec(number("agents", text.substring(0, at)), Endpoints.socket("agents", text.substring(at + 1)),
                false, 0, 0);
    }

    /**
     * The active HAs of {@code agents}: each {@code nodeId@host:port}, optionally followed by its
     * priority and capacity as a redundant HA after a rejoin; items separated by commas or blanks.
     */
    static List<AgentSpec> actives(List<String> tokens) {
        List<AgentSpec> specs = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            AgentSpec where = active(tokens.get(i));
            if (i + 1 < tokens.size() && tokens.get(i + 1).indexOf('@') < 0) {
                if (i + 2 >= tokens.size() || tokens.get(i + 2).indexOf('@') >= 0) {
                    throw new IllegalArgumentException("agents: '" + tokens.get(i)
                            + "' needs both priority and capacity, or neither");
                }
                where = new AgentSpec(where.nodeId(), where.address(), false, number("agents", tokens.get(i + 1)),
                        number("agents", tokens.get(i + 2)));
                i += 2;
            }
            specs.add(where);
        }
        return specs;
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
