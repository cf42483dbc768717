package net.homeagent.mimmclient.manager;

import java.time.Duration;
import java.util.Objects;

import net.homeagent.mimmclient.signal.Averaging;

/**
 * The mobility manager's configuration.
 *
 * @param thresholds       the five thresholds
 * @param averaging        how each link's signal is averaged
 * @param weights          the candidate choice's weights
 * @param betterMargin     how much better (score 0..1) a stable link must rank to leave a working link for it
 * @param failedLinkHold   how long a link that went down or inactive is no target of a move that is not forced:
 *                         one that failed a moment ago is not "better" yet, whatever its last samples say
 * @param renewAfter       how long after a registration the manager registers the link in use again, before the
 *                         binding's lifetime runs out (a renewal is no move: the advisor is not asked);
 *                         {@link Duration#ZERO} = never (the simulation, where bindings do not expire)
 * @param realTimeSessions the sessions the mobile declares in its Request Handoff
 * @param sessionKbps      their bandwidth, kbit/s
 */
public record ManagerConfig(Thresholds thresholds, Averaging averaging, CandidateWeights weights, double betterMargin,
        Duration failedLinkHold, Duration renewAfter, int realTimeSessions, long sessionKbps) {

    public ManagerConfig {
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(averaging, "averaging");
        Objects.requireNonNull(weights, "weights");
        if (failedLinkHold.isNegative() || renewAfter.isNegative()) {
            throw new IllegalArgumentException("failed-link hold and renewal interval are not negative");
        }
        if (!(betterMargin >= 0 && betterMargin <= 1)) {
            throw new IllegalArgumentException("better-link margin is in 0..1: " + betterMargin);
        }
        if (realTimeSessions < 0 || realTimeSessions > 0xffff || sessionKbps < 0 || sessionKbps > 0xffff_ffffL) {
            throw new IllegalArgumentException("sessions 0..65535 and kbit/s 0..4294967295");
        }
    }
}
