package net.homeagent.mimmclient.simulation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import net.homeagent.mimmclient.monitor.LinkSample;
import net.homeagent.mimmclient.monitor.Observation;
import net.homeagent.mimmclient.monitor.Trace;

/**
 * Synthetic signal traces with fades at the thresholds, repeatable from a seed. Per link, per sample:
 * a slow mean-reverting random walk (shadowing: the mobile walks about) around a mean drawn per trace
 * from the link's range, fast fading noise on top, and now and then a fade (a few to 20 dB deep, 1 to
 * 12 samples long) or a short loss of carrier. The means sit in the thresholds' band, so the raw signal
 * keeps crossing them: the traffic a threshold rule must not ping-pong on.
 */
public final class SyntheticTraces {

    /** One link of the trace: its name and the range its mean is drawn from, dBm. */
    public record LinkModel(String iface, int meanLowDbm, int meanHighDbm) {
        public LinkModel {
            if (meanLowDbm > meanHighDbm) {
                throw new IllegalArgumentException(iface + ": mean range " + meanLowDbm + ".." + meanHighDbm);
            }
        }
    }

    private static final double REVERSION = 0.05;
    private static final double WALK_STEP_DB = 1.0;
    private static final double FAST_FADING_DB = 2.5;
    private static final double FADE_PROBABILITY = 0.02;
    private static final double LOSS_PROBABILITY = 0.001;

    private final List<LinkModel> links;
    private final long intervalMillis;

    public SyntheticTraces(List<LinkModel> links, long intervalMillis) {
        if (links.isEmpty() || intervalMillis < 1) {
            throw new IllegalArgumentException("at least one link and an interval of at least 1 ms");
        }
        this.links = List.copyOf(links);
        this.intervalMillis = intervalMillis;
    }

    /** A trace of {@code samples} observations; the same seed gives the same trace. */
    public Trace generate(long seed, int samples) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = links.size();
        double[] mean = new double[n];
        double[] walk = new double[n];
        int[] fadeLeft = new int[n];
        double[] fadeDepth = new double[n];
        int[] lossLeft = new int[n];
        for (int i = 0; i < n; i++) {
            mean[i] = random.nextDouble(links.get(i).meanLowDbm(), links.get(i).meanHighDbm() + 1e-9);
            walk[i] = mean[i];
        }
        List<Observation> observations = new ArrayList<>(samples);
        for (int s = 0; s < samples; s++) {
            List<LinkSample> linkSamples = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                walk[i] += REVERSION * (mean[i] - walk[i]) + WALK_STEP_DB * gaussian(random);
                if (fadeLeft[i] == 0 && random.nextDouble() < FADE_PROBABILITY) {
                    fadeLeft[i] = 1 + random.nextInt(12);
                    fadeDepth[i] = 3 + random.nextDouble(17);
                }
                if (lossLeft[i] == 0 && random.nextDouble() < LOSS_PROBABILITY) {
                    lossLeft[i] = 2 + random.nextInt(10);
                }
                double dbm = walk[i] + FAST_FADING_DB * gaussian(random) - (fadeLeft[i] > 0 ? fadeDepth[i] : 0);
                boolean up = lossLeft[i] == 0;
                fadeLeft[i] = Math.max(0, fadeLeft[i] - 1);
                lossLeft[i] = Math.max(0, lossLeft[i] - 1);
                int clamped = (int) Math.max(Byte.MIN_VALUE, Math.min(Byte.MAX_VALUE, Math.round(dbm)));
                linkSamples.add(new LinkSample(links.get(i).iface(), clamped, up));
            }
            observations.add(new Observation(Instant.ofEpochMilli(s * intervalMillis), linkSamples));
        }
        return new Trace(observations, 0);
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian before Java 17's RandomGenerator default, and
        // this keeps the sequence independent of the JDK's choice of algorithm
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
