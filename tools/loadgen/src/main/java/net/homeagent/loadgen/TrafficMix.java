package net.homeagent.loadgen;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The share of each {@link RequestKind} among requests of nodes that hold a binding, from
 * {@code register=80,renew=15,deregister=5} (weights, not necessarily summing to 100). A node
 * without a binding always registers first: a renewal or deregistration of nothing would only
 * measure refusals.
 */
final class TrafficMix {

    private final double register;
    private final double renew;

    private TrafficMix(double register, double renew) {
        this.register = register;
        this.renew = renew;
    }

    static TrafficMix parse(String text) {
        Map<RequestKind, Double> weights = new EnumMap<>(RequestKind.class);
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("mix entry '" + part + "' is not kind=weight");
            }
            RequestKind kind;
            try {
                kind = RequestKind.valueOf(kv[0].trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown request kind '" + kv[0] + "' (register, renew, deregister)");
            }
            double weight = Double.parseDouble(kv[1].trim());
            if (weight < 0 || Double.isNaN(weight) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight of " + kv[0] + " must be a finite number >= 0");
            }
            if (weights.put(kind, weight) != null) {
                throw new IllegalArgumentException("kind " + kv[0] + " given twice");
            }
        }
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 0) {
            throw new IllegalArgumentException("the mix needs at least one positive weight");
        }
        return new TrafficMix(weights.getOrDefault(RequestKind.REGISTER, 0.0) / total,
                weights.getOrDefault(RequestKind.RENEW, 0.0) / total);
    }

    /** The kind for a uniform draw {@code u} in [0, 1). */
    RequestKind pick(double u) {
        if (u < register) {
            return RequestKind.REGISTER;
        }
        return u < register + renew ? RequestKind.RENEW : RequestKind.DEREGISTER;
    }

    /** The kind a node sends next: its first request is always a registration. */
    RequestKind next(boolean bound, double u) {
        return bound ? pick(u) : RequestKind.REGISTER;
    }
}
