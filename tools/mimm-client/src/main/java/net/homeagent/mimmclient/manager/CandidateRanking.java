package net.homeagent.mimmclient.manager;

import java.util.Collection;

/**
 * Scores links for the candidate choice: signal (the average, from inactive to stable; above stable
 * every link is as good, the other criteria decide), type (by the configured order), bit rate, power,
 * cost (the last two: less is better) and the user's preference, each scaled to 0..1 against the
 * mobile's links, then weighed ({@link CandidateWeights}). A score is 0..1.
 */
final class CandidateRanking {

    private final CandidateWeights weights;
    private final Thresholds thresholds;
    private final long maxBitRate;
    private final double maxPower;
    private final double maxCost;
    private final int maxPreference;

    CandidateRanking(CandidateWeights weights, Thresholds thresholds, Collection<LinkProfile> links) {
        this.weights = weights;
        this.thresholds = thresholds;
        this.maxBitRate = links.stream().mapToLong(LinkProfile::bitRateKbps).max().orElse(0);
        this.maxPower = links.stream().mapToDouble(LinkProfile::powerMilliwatts).max().orElse(0);
        this.maxCost = links.stream().mapToDouble(LinkProfile::costPerMegabyte).max().orElse(0);
        this.maxPreference = links.stream().mapToInt(LinkProfile::preference).max().orElse(0);
    }

    double score(LinkProfile link, double averageDbm) {
        int rank = weights.typeOrder().indexOf(link.type());
        double type = rank < 0 ? 0 : 1 - (double) rank / weights.typeOrder().size();
        double sum = weights.signal() * signal(averageDbm)
                + weights.type() * type
                + weights.bitRate() * share(link.bitRateKbps(), maxBitRate)
                + weights.power() * (1 - share(link.powerMilliwatts(), maxPower))
                + weights.cost() * (1 - share(link.costPerMegabyte(), maxCost))
                + weights.preference() * share(link.preference(), maxPreference);
        return sum / weights.total();
    }

    private double signal(double averageDbm) {
        double span = thresholds.stable() - thresholds.inactive();
        if (span == 0) {
            return averageDbm >= thresholds.stable() ? 1 : 0;
        }
        return Math.max(0, Math.min(1, (averageDbm - thresholds.inactive()) / span));
    }

    private static double share(double value, double max) {
        return max == 0 ? 0 : value / max;
    }
}
