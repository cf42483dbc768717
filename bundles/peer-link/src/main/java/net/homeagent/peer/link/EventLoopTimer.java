package net.homeagent.peer.link;

import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;

/** The production {@link LinkTimer}: System.nanoTime and the link's own event loop's scheduler. */
final class EventLoopTimer implements LinkTimer {

    private final EventLoop loop;

    EventLoopTimer(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    @Override
    public void schedule(Runnable task, long delayMillis) {
        loop.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }
}
