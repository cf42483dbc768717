package net.homeagent.mimmclient.signal;

import java.util.Arrays;

/** The mean of the last {@code window} samples (fewer while the first ones arrive). */
public final class MovingAverage implements SignalAverage {

    private final double[] samples;
    private int next;
    private int filled;
    private double sum;

    public MovingAverage(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window is at least 1 sample: " + window);
        }
        this.samples = new double[window];
    }

    @Override
    public double add(double dbm) {
        if (filled == samples.length) {
            sum -= samples[next];
        } else {
            filled++;
        }
        samples[next] = dbm;
        sum += dbm;
        next = (next + 1) % samples.length;
        return sum / filled;
    }

    @Override
    public void restartAt(double dbm) {
        Arrays.fill(samples, dbm);
        filled = samples.length;
        next = 0;
        sum = dbm * samples.length;
    }
}
