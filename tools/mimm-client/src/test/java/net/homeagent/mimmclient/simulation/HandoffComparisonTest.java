package net.homeagent.mimmclient.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Issue 15's proof of the client, in CI: on synthetic traces with fades at the thresholds the
 * five-threshold averaged manager makes far fewer handoffs than a single threshold on the raw signal,
 * and never stays on an inactive link beyond one sample (docs/mimm.md "Client: trace simulation").
 */
class HandoffComparisonTest {

    private static final java.util.logging.Logger PACKAGE_LOG = java.util.logging.Logger.getLogger("net.homeagent.mimmclient");

    /** Every link transition is logged at INFO: tens of thousands here, which the figures already count. */
    @org.junit.jupiter.api.BeforeAll
    static void quiet() {
        PACKAGE_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    @org.junit.jupiter.api.AfterAll
    static void loud() {
        PACKAGE_LOG.setLevel(null);
    }

    private static final int RUNS = 20;
    private static final int SAMPLES = 2_400;   // 10 minutes at 250 ms

    @Test
    void fiveThresholdsOnTheAverageMakeAtMostHalfTheHandoffsAndNeverStayOnAnInactiveLink() {
        HandoffComparison comparison = new HandoffComparison(
                HandoffComparison.fiveThreshold(HandoffComparison.THRESHOLDS, HandoffComparison.AVERAGING),
                HandoffComparison.singleThreshold(HandoffComparison.SINGLE_THRESHOLD));
        HandoffComparison.Result result = comparison.synthetic(RUNS, 1, SAMPLES);
        System.out.println("trace simulation: " + result + ", ratio " + result.handoffRatio());

        assertThat(result.fiveThreshold().samples()).isEqualTo((long) RUNS * SAMPLES);
        // the baseline really ping-pongs on these traces, or the comparison proves nothing
        assertThat(result.singleThreshold().pingPongs()).isGreaterThan(10L * RUNS);
        assertThat(result.handoffRatio()).isLessThanOrEqualTo(0.5);
        assertThat(result.fiveThreshold().pingPongs()).isLessThan(result.singleThreshold().pingPongs() / 4);
        assertThat(result.fiveThreshold().longestInactiveRun()).isLessThanOrEqualTo(1);
    }

    @Test
    void theSameSeedGivesTheSameFigures() {
        HandoffComparison comparison = new HandoffComparison(
                HandoffComparison.fiveThreshold(HandoffComparison.THRESHOLDS, HandoffComparison.AVERAGING),
                HandoffComparison.singleThreshold(HandoffComparison.SINGLE_THRESHOLD));
        assertThat(comparison.synthetic(2, 7, 400)).isEqualTo(comparison.synthetic(2, 7, 400));
    }
}
