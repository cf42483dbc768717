package net.homeagent.dataplane;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/** An executor that runs nothing until the test says so: a worker thread's turns, taken by hand, without sleeping. */
final class HandDrivenExecutor extends AbstractExecutorService {

    private final Deque<Runnable> queued = new ArrayDeque<>();
    private boolean shutdown;

    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException("shut down");
        }
        queued.add(task);
    }

    /** Runs what is queued, and what that queues, until nothing is. */
    void runAll() {
        Runnable next;
        while ((next = queued.poll()) != null) {
            next.run();
        }
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>(queued);
        queued.clear();
        return left;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && queued.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }
}
