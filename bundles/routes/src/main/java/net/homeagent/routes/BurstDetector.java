package net.homeagent.routes;

/**
 * Notices a burst in a growing counter: at least {@code threshold} increments within the last
 * {@code window} samples (one sample per watch tick). Reports once when a burst starts and again
 * only after the rate fell below the threshold, so a sustained attack is one event, not one a tick.
 */
final class BurstDetector {

    private final long threshold;
    private final long[] samples;
    private int next;
    private int filled;
    private boolean inBurst;

    BurstDetector(long threshold, int window) {
        this.threshold = threshold;
        this.samples = new long[window + 1];
    }

    /** @return the increase over the window if a burst starts with this sample, else -1 */
    long sample(long counter) {
        samples[next] = counter;
        next = (next + 1) % samples.length;
        filled = Math.min(filled + 1, samples.length);
        long oldest = samples[filled < samples.length ? 0 : next];
        long increase = counter - oldest;
        if (increase >= threshold && !inBurst) {
            inBurst = true;
            return increase;
        }
        if (increase < threshold) {
            inBurst = false;
        }
        return -1;
    }
}
