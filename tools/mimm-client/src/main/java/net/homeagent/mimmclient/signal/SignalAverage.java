package net.homeagent.mimmclient.signal;

/**
 * The averaged signal of one link, fed one raw sample at a time. Averaging keeps a short fade from
 * looking like a lost link and a short peak from looking like a better one (the design's "comparison
 * on an averaged signal"). Not thread-safe: one per link, fed by the manager's tick.
 */
public interface SignalAverage {

    /** Adds a raw sample, dBm; returns the average including it. */
    double add(double dbm);

    /**
     * Forgets the history and starts again as if every past sample had been {@code dbm}: after a link
     * was lost, what it was before says nothing about it now, and a fresh start at the value that lost
     * it makes it climb back gradually instead of jumping back to its old average.
     */
    void restartAt(double dbm);
}
