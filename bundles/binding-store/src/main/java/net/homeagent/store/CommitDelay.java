package net.homeagent.store;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * How long the backup writer waits, once woken by a change, before it takes the group to write:
 * the idea of PostgreSQL's {@code commit_delay}. Under load the writer would otherwise wake at the
 * first change of each group and write a handful of changes per fsync (measured: ~17 at 2,048
 * registrations in flight, docs/PERFORMANCE.md); each fsync and each wake-up costs CPU and, on a
 * virtual machine, hypervisor time that the event loops then lack. Waiting a little lets more
 * registrations share one fsync.
 * <p>
 * The wait applies only when the group before held more than one change, the sign that others are
 * arriving (PostgreSQL's {@code commit_siblings}): a lone registration on a quiet home agent is
 * written at once and its reply is not delayed.
 */
final class CommitDelay {

    /** Never waits. */
    static final CommitDelay NONE = new CommitDelay(Duration.ZERO, nanos -> { });

    private final long delayNanos;
    private final LongConsumer pause;

    /** @param pause how to wait a number of nanoseconds (the writer parks; tests record) */
    CommitDelay(Duration delay, LongConsumer pause) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("commit delay must not be negative: " + delay);
        }
        this.delayNanos = delay.toNanos();
        this.pause = pause;
    }

    /** A delay that parks the writer thread. */
    static CommitDelay of(Duration delay) {
        return delay.isZero() ? NONE : new CommitDelay(delay, LockSupport::parkNanos);
    }

    /** Called by the writer before it takes a group, with the size of the group it wrote before. */
    void beforeGroup(int previousGroupChanges) {
        if (delayNanos > 0 && previousGroupChanges > 1) {
            pause.accept(delayNanos);
        }
    }

    Duration delay() {
        return Duration.ofNanos(delayNanos);
    }

    @Override
    public String toString() {
        return delayNanos / 1000 + " us";
    }
}
