package net.homeagent.delegation.pha;

import java.time.Duration;

/**
 * What the load policies weigh and how fast they may act ({@link PhaConfig}, checked at activation
 * with the key named).
 *
 * @param interval            how often the PHA reads the packet counters and asks the active policy
 *                            for moves; rates are in packets per interval
 * @param moveAbove           packet-threshold: a mobile forwarded by the PHA with more packets per
 *                            interval moves to the least loaded SHA
 * @param returnBelow         packet-threshold: a delegated mobile with fewer comes back to the PHA
 *                            (below {@code moveAbove}: the band between is the hysteresis); even-load:
 *                            a gap between SHAs smaller than this is not worth a move
 * @param maxMovesPerInterval the most mobiles any policy moves in one interval (no storm of moves)
 * @param holdIntervals       a mobile moved (by a policy or an operator) is not moved by a policy again
 *                            for this many intervals
 * @param evenBandPercent     even-load: SHAs whose packet rates differ by at most this share of their
 *                            mean count as even
 */
public record LoadSettings(Duration interval, long moveAbove, long returnBelow, int maxMovesPerInterval,
        int holdIntervals, int evenBandPercent) {

    /** The defaults of {@link PhaConfig}. */
    public static final LoadSettings DEFAULTS = new LoadSettings(Duration.ofSeconds(1), 1000, 200, 10, 3, 20);

    public LoadSettings {
        if (interval.toMillis() < 100 || interval.toMillis() > 600_000) {
            throw new IllegalArgumentException("loadIntervalMillis: " + interval.toMillis() + " out of 100..600000");
        }
        if (moveAbove < 1) {
            throw new IllegalArgumentException("moveAbovePackets: " + moveAbove + " is not positive");
        }
        if (returnBelow < 0 || returnBelow >= moveAbove) {
            throw new IllegalArgumentException("returnBelowPackets: " + returnBelow + " must be 0.." + (moveAbove - 1)
                    + " (below moveAbovePackets, or a mobile would go back and forth)");
        }
        if (maxMovesPerInterval < 1 || maxMovesPerInterval > 10_000) {
            throw new IllegalArgumentException("maxMovesPerInterval: " + maxMovesPerInterval + " out of 1..10000");
        }
        if (holdIntervals < 1 || holdIntervals > 1000) {
            throw new IllegalArgumentException("holdIntervals: " + holdIntervals + " out of 1..1000");
        }
        if (evenBandPercent < 1 || evenBandPercent > 100) {
            throw new IllegalArgumentException("evenBandPercent: " + evenBandPercent + " out of 1..100");
        }
    }

    /** How long a moved mobile stays where it was put. */
    public Duration hold() {
        return interval.multipliedBy(holdIntervals);
    }
}
