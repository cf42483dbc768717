package net.homeagent.mip6.linux;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.homeagent.mip.api.support.RateLimitedLog;

/**
 * The thread that reads the signalling device ({@code mip6-signalling}) and hands each packet to
 * the signalling logic; it wakes every 200 ms to see whether it is to stop. A read that keeps failing
 * is retried every 200 ms and logged once a minute (with how many were not), not 5 times a second.
 */
public final class TunSignallingLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TunSignallingLoop.class);
    private static final int POLL_MILLIS = 200;
    /** the largest IPv6 packet without a jumbogram: 40 octets of header and 65,535 of payload */
    private static final int MAX_PACKET = 65_575;

    private final SignallingTun tun;
    private final Thread thread;
    private final RateLimitedLog readFailures =
            new RateLimitedLog(Clock.systemUTC(), Duration.ofMinutes(1), LOG::error);
    private volatile boolean running = true;

    public TunSignallingLoop(SignallingTun tun, Consumer<ByteBuf> handler) {
        this.tun = tun;
        this.thread = new Thread(() -> loop(handler), "mip6-signalling");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void loop(Consumer<ByteBuf> handler) {
        byte[] buffer = new byte[MAX_PACKET];
        while (running) {
            try {
                int length = tun.read(buffer, POLL_MILLIS);
                if (length > 0) {
                    handler.accept(Unpooled.wrappedBuffer(buffer, 0, length));
                }
            } catch (RuntimeException e) {
                if (running) {
                    readFailures.report(() -> "MIPv6 signalling device " + tun.name() + ": read failed", e);
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops the thread (within one poll) and closes the device. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2_000);
        tun.close();
    }
}
