package net.homeagent.group;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import net.homeagent.mip.api.testing.MutableClock;

/** The group's thread in a test: tasks run at once, timers when the test moves the clock past them. */
final class ManualScheduler implements Scheduler {

    private record Timer(Instant due, Runnable task, boolean[] cancelled) {
    }

    private final MutableClock clock;
    private final List<Timer> timers = new ArrayList<>();

    ManualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        timers.add(new Timer(clock.instant().plus(delay), task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves the clock by {@code step}, running every timer that comes due on the way, in order. */
    void advance(Duration step) {
        Instant end = clock.instant().plus(step);
        while (true) {
            Timer next = timers.stream().filter(t -> !t.due().isAfter(end)).min(Comparator.comparing(Timer::due))
                    .orElse(null);
            if (next == null) {
                break;
            }
            timers.remove(next);
            if (next.due().isAfter(clock.instant())) {
                clock.set(next.due());
            }
            if (!next.cancelled()[0]) {
                next.task().run();
            }
        }
        clock.set(end);
    }
}
