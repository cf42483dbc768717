package net.homeagent.peer.link;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link LinkTimer} whose time moves only when a test calls {@link #advance}; remembers every delay asked for. */
final class ManualTimer implements LinkTimer {

    private record Task(long due, Runnable task) {
    }

    private long now = 1_000_000;
    private final List<Task> tasks = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();

    @Override
    public synchronized long nowMillis() {
        return now;
    }

    @Override
    public synchronized void schedule(Runnable task, long delayMillis) {
        delays.add(delayMillis);
        tasks.add(new Task(now + delayMillis, task));
    }

    /** Moves time to the earliest task's due time and runs it; false when no task is left. */
    boolean runNext() {
        Task next;
        synchronized (this) {
            if (tasks.isEmpty()) {
                return false;
            }
            next = tasks.stream().min(Comparator.comparingLong(Task::due)).orElseThrow();
            tasks.remove(next);
            now = Math.max(now, next.due());
        }
        next.task().run();
        return true;
    }

    synchronized List<Long> delays() {
        return List.copyOf(delays);
    }
}
