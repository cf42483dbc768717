package net.homeagent.peer.link;

/**
 * The link's time: a monotonic millisecond clock and one-shot timers. Injected so that the
 * retransmission schedule is tested by moving time by hand instead of sleeping.
 */
interface LinkTimer {

    /** Milliseconds on a monotonic clock (only differences mean something). */
    long nowMillis();

    /** Runs {@code task} once, {@code delayMillis} from now, on any thread. */
    void schedule(Runnable task, long delayMillis);
}
