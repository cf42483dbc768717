package net.homeagent.mimmclient.manager;

import java.util.ArrayList;
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

    /**
     * {@code signal,type,bitrate,power,cost,preference} (six numbers, the weights in that order),
     * optionally followed by {@code :} and the type order, e.g. {@code 3,1,1,0.5,1,2:wlan,cellular};
     * without it the default order.
     */
    public static CandidateWeights parse(String text) {
        int colon = text.indexOf(':');
        String[] parts = (colon < 0 ? text : text.substring(0, colon)).split(",");
        if (parts.length != 6) {
            throw new IllegalArgumentException("weights are signal,type,bitrate,power,cost,preference[:type,...], not '"
                    + text + "'");
        }
        double[] w = new double[6];
        for (int i = 0; i < 6; i++) {
            try {
                w[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("weight '" + parts[i].strip() + "' is not a number");
            }
        }
        List<LinkType> order = DEFAULT.typeOrder;
        if (colon >= 0) {
            List<LinkType> listed = new ArrayList<>();
            for (String label : text.substring(colon + 1).split(",")) {
                LinkType type = LinkType.ofLabel(label.strip()).orElseThrow(() -> new IllegalArgumentException(
                        "type '" + label.strip() + "' is not one of unknown, wlan, cellular, ethernet, satellite"));
                if (listed.contains(type)) {
                    throw new IllegalArgumentException("type '" + label.strip() + "' listed twice");
                }
                listed.add(type);
            }
            order = listed;
        }
        return new CandidateWeights(w[0], w[1], w[2], w[3], w[4], w[5], order);
    }

    double total() {
        return signal + type + bitRate + power + cost + preference;
    }
}
