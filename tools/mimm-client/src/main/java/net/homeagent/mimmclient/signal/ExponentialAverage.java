package net.homeagent.mimmclient.signal;

/**
 * The exponentially weighted average {@code a = alpha * sample + (1 - alpha) * a}; the first sample
 * starts it. A small alpha smooths more and follows later.
 */
public final class ExponentialAverage implements SignalAverage {

    private final double alpha;
    private double average;
    private boolean started;

    public ExponentialAverage(double alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha is in (0, 1]: " + alpha);
        }
        this.alpha = alpha;
    }

    @Override
    public double add(double dbm) {
        average = started ? alpha * dbm + (1 - alpha) * average : dbm;
        started = true;
        return average;
    }

    @Override
    public void restartAt(double dbm) {
        average = dbm;
        started = true;
    }
}
