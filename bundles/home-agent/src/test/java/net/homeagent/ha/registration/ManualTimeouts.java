package net.homeagent.ha.registration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@link Timeouts} that run when the test says so: deadlines without sleeping. */
final class ManualTimeouts implements Timeouts {

    private final List<Runnable> pending = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();

    @Override
    public synchronized Runnable after(Duration delay, Runnable action) {
        pending.add(action);
        delays.add(delay);
        return () -> cancel(action);
    }

    private synchronized void cancel(Runnable action) {
        int at = pending.indexOf(action);
        if (at >= 0) {
            pending.remove(at);
            delays.remove(at);
        }
    }

    /** Runs every deadline still waiting, as if its time had come. */
    void expireAll() {
        List<Runnable> due;
        synchronized (this) {
            due = List.copyOf(pending);
            pending.clear();
            delays.clear();
        }
        due.forEach(Runnable::run);
    }

    synchronized List<Duration> waiting() {
        return List.copyOf(delays);
    }
}
