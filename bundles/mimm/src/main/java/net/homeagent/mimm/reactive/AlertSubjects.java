package net.homeagent.mimm.reactive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.homeagent.mimm.network.Network;
import net.homeagent.mimm.network.NetworkPlan;

/**
 * Which networks an alert's subject concerns: a configured subject ({@code alertSubjects},
 * entries {@code <subject>=<network>[/<network>...]}, e.g. {@code ap-17=1/2} for an access point that
 * serves two networks), else a network's name, else a network's id.
 */
public final class AlertSubjects {

    private final NetworkPlan plan;
    private final Map<String, List<Integer>> configured;

    private AlertSubjects(NetworkPlan plan, Map<String, List<Integer>> configured) {
        this.plan = plan;
        this.configured = configured;
    }

    /** Reads the entries; a bad one (no '=', no network, an unknown id) is refused with its text. */
    public static AlertSubjects parse(NetworkPlan plan, List<String> entries) {
        Map<String, List<Integer>> configured = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq < 1 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("alertSubjects: '" + entry + "' is not <subject>=<network>[/<network>...]");
            }
            List<Integer> networks = new ArrayList<>();
            for (String id : entry.substring(eq + 1).split("/")) {
                int network;
                try {
                    network = Integer.parseInt(id.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("alertSubjects: '" + id + "' in '" + entry + "' is not a network id", e);
                }
                if (plan.byId(network).isEmpty()) {
                    throw new IllegalArgumentException("alertSubjects: network " + network + " in '" + entry
                            + "' is not in the network file");
                }
                networks.add(network);
            }
            configured.put(entry.substring(0, eq).trim(), List.copyOf(networks));
        }
        return new AlertSubjects(plan, configured);
    }

    /** The networks of this subject; empty if nothing the advisor knows is called so. */
    Optional<List<Integer>> networksOf(String subject) {
        List<Integer> mapped = configured.get(subject);
        if (mapped != null) {
            return Optional.of(mapped);
        }
        for (Network n : plan.networks()) {
            if (n.name().equals(subject)) {
                return Optional.of(List.of(n.id()));
            }
        }
        try {
            int id = Integer.parseInt(subject);
            return plan.byId(id).map(n -> List.of(n.id()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    boolean knows(int network) {
        return plan.byId(network).isPresent();
    }
}
