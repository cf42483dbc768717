package net.homeagent.loadgen;

import java.util.EnumMap;
import java.util.Map;

/**
 * The share of each {@link RequestKind} among requests of nodes that hold a binding, from
 * {@code care-of-change=80,renew=15,deregister=5} (weights, not necessarily summing to 100). A
 * node without a binding always registers first: a renewal or deregistration of nothing would
 * only measure refusals. {@code register} is accepted in the mix as the former name of
 * {@code care-of-change}: a node with a binding that "registered" always did so from a new
 * care-of address, so older command lines keep their meaning.
 */
final class TrafficMix {

    private final double careOfChange;
    private final double renew;

    private TrafficMix(double careOfChange, double renew) {
        this.careOfChange = careOfChange;
        this.renew = renew;
    }

    static TrafficMix parse(String text) {
        Map<RequestKind, Double> weights = new EnumMap<>(RequestKind.class);
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("mix entry '" + part + "' is not kind=weight");
            }
            RequestKind kind = kindNamed(kv[0].trim());
            double weight = Double.parseDouble(kv[1].trim());
            if (weight < 0 || Double.isNaN(weight) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight of " + kv[0] + " must be a finite number >= 0");
            }
            if (weights.put(kind, weight) != null) {
                throw new IllegalArgumentException("kind " + kv[0] + " given twice (register is care-of-change)");
            }
        }
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 0) {
            throw new IllegalArgumentException("the mix needs at least one positive weight");
        }
        return new TrafficMix(weights.getOrDefault(RequestKind.CARE_OF_CHANGE, 0.0) / total,
                weights.getOrDefault(RequestKind.RENEW, 0.0) / total);
    }

    private static RequestKind kindNamed(String name) {
        return switch (name) {
            case "care-of-change", "register" -> RequestKind.CARE_OF_CHANGE;
            case "renew" -> RequestKind.RENEW;
            case "deregister" -> RequestKind.DEREGISTER;
            default -> throw new IllegalArgumentException(
                    "unknown request kind '" + name + "' (care-of-change, renew, deregister)");
        };
    }

    /** The kind a node with a binding sends for a uniform draw {@code u} in [0, 1). */
    RequestKind pick(double u) {
        if (u < careOfChange) {
            return RequestKind.CARE_OF_CHANGE;
        }
        return u < careOfChange + renew ? RequestKind.RENEW : RequestKind.DEREGISTER;
    }

    /** The kind a node sends next: without a binding it registers. */
    RequestKind next(boolean bound, double u) {
        return bound ? pick(u) : RequestKind.REGISTER;
    }
}
