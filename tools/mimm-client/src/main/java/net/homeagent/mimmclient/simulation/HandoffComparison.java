package net.homeagent.mimmclient.simulation;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import net.homeagent.mip.codec.mimm.LinkType;
import net.homeagent.mimmclient.manager.CandidateWeights;
import net.homeagent.mimmclient.manager.LinkProfile;
import net.homeagent.mimmclient.manager.ManagerConfig;
import net.homeagent.mimmclient.manager.Thresholds;
import net.homeagent.mimmclient.monitor.Trace;
import net.homeagent.mimmclient.signal.Averaging;

/**
 * The proof of issue 15's client (docs/mimm.md "Client: trace simulation"): the five-threshold
 * manager on the averaged signal against a single threshold on the raw signal, the same traces, the
 * same links, the same candidate weights. The scenario is a mobile with a WLAN the user prefers and
 * a cellular link, both hovering in the thresholds' band.
 */
public final class HandoffComparison {

    /** available, active, stable, deteriorating, inactive. */
    public static final Thresholds THRESHOLDS = new Thresholds(-82, -76, -70, -80, -86);
    public static final Averaging AVERAGING = Averaging.parse("moving:8");
    public static final double BETTER_MARGIN = 0.05;
    public static final Duration FAILED_LINK_HOLD = Duration.ofSeconds(10);
    /** The baseline's one threshold: a link is used while its raw signal is at or above active. */
    public static final int SINGLE_THRESHOLD = THRESHOLDS.active();
    public static final Duration PING_PONG_WINDOW = Duration.ofSeconds(10);
    public static final long INTERVAL_MILLIS = 250;

    public static final List<LinkProfile> LINKS = List.of(
            new LinkProfile("wlan0", LinkType.WLAN, 1, 54_000, 800, 0, 2, address("192.0.2.1"), Optional.empty()),
            new LinkProfile("wwan0", LinkType.CELLULAR, 2, 10_000, 1200, 5, 1, address("198.51.100.1"),
                    Optional.empty()));
    public static final List<SyntheticTraces.LinkModel> MODELS = List.of(
            new SyntheticTraces.LinkModel("wlan0", -80, -66),
            new SyntheticTraces.LinkModel("wwan0", -78, -68));

    /** Both managers' figures over the same traces. */
    public record Result(int runs, RunFigures fiveThreshold, RunFigures singleThreshold) {

        /** The five-threshold manager's handoffs as a share of the baseline's. */
        public double handoffRatio() {
            return singleThreshold.handoffs() == 0 ? 0 : (double) fiveThreshold.handoffs() / singleThreshold.handoffs();
        }
    }

    public static ManagerConfig fiveThreshold(Thresholds thresholds, Averaging averaging) {
        return new ManagerConfig(thresholds, averaging, CandidateWeights.DEFAULT, BETTER_MARGIN, FAILED_LINK_HOLD,
                Duration.ZERO, 1, 64);
    }

    /** No hysteresis of any kind: one threshold, the raw signal, no failed-link hold. */
    public static ManagerConfig singleThreshold(int dbm) {
        return new ManagerConfig(Thresholds.single(dbm), Averaging.RAW, CandidateWeights.DEFAULT, BETTER_MARGIN,
                Duration.ZERO, Duration.ZERO, 1, 64);
    }

    private final ManagerConfig five;
    private final ManagerConfig single;
    private final TraceSimulation simulation;

    public HandoffComparison(ManagerConfig five, ManagerConfig single) {
        this.five = five;
        this.single = single;
        this.simulation = new TraceSimulation(LINKS, five.thresholds().inactive(), PING_PONG_WINDOW);
    }

    /** {@code runs} synthetic traces of {@code samples} each, seeds {@code seed}, {@code seed + 1}, ... */
    public Result synthetic(int runs, long seed, int samples) {
        if (runs < 1 || samples < 1) {
            throw new IllegalArgumentException("at least one run of at least one sample");
        }
        SyntheticTraces traces = new SyntheticTraces(MODELS, INTERVAL_MILLIS);
        RunFigures fiveFigures = RunFigures.NONE;
        RunFigures singleFigures = RunFigures.NONE;
        for (int run = 0; run < runs; run++) {
            Trace trace = traces.generate(seed + run, samples);
            fiveFigures = fiveFigures.plus(simulation.run(five, trace));
            singleFigures = singleFigures.plus(simulation.run(single, trace));
        }
        return new Result(runs, fiveFigures, singleFigures);
    }

    /** One recorded trace (its interfaces named as {@link #LINKS}). */
    public Result recorded(Trace trace) {
        return new Result(1, simulation.run(five, trace), simulation.run(single, trace));
    }

    private static Inet4Address address(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
