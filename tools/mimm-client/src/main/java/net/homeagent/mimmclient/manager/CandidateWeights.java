package net.homeagent.mimmclient.manager;

import java.util.List;

import net.homeagent.mip.codec.mimm.LinkType;

/**
 * How much each criterion of the candidate choice counts (docs/mimm.md "Client: candidate choice");
 * each criterion is scaled to 0..1 before it is weighed, so the weights compare directly.
 *
 * @param typeOrder link types from the most preferred; a type not listed scores 0
 */
public record CandidateWeights(double signal, double type, double bitRate, double power, double cost,
        double preference, List<LinkType> typeOrder) {

    /** Signal first, then the user's preference and the type (wire, then WLAN, then cellular), then the rest. */
    public static final CandidateWeights DEFAULT = new CandidateWeights(3, 1, 1, 0.5, 1, 2,
            List.of(LinkType.ETHERNET, LinkType.WLAN, LinkType.CELLULAR, LinkType.SATELLITE));

    public CandidateWeights {
        typeOrder = List.copyOf(typeOrder);
        double[] all = {signal, type, bitRate, power, cost, preference};
        double total = 0;
        for (double weight : all) {
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weights are finite and not negative");
            }
            total += weight;
        }
        if (total == 0) {
            throw new IllegalArgumentException("at least one weight is above 0");
        }
    }

    double total() {
        return signal + type + bitRate + power + cost + preference;
    }
}
