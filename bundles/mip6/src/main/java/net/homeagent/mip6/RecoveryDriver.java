package net.homeagent.mip6;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip6.recovery.BindingRecovery;

/**
 * Runs a {@link BindingRecovery} on the home agent's timer thread: calls it when it said it is
 * next due, until nothing is pending; after each step {@code afterStep} (the recovery's end is
 * announced from there).
 */
final class RecoveryDriver implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RecoveryDriver.class);

    private final BindingRecovery recovery;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final Runnable afterStep;

    RecoveryDriver(BindingRecovery recovery, ScheduledExecutorService timer, Clock clock, Runnable afterStep) {
        this.recovery = recovery;
        this.timer = timer;
        this.clock = clock;
        this.afterStep = afterStep;
    }

    void start() {
        timer.execute(this);
    }

    @Override
    public void run() {
        try {
            long next = recovery.runDue(clock.millis());
            afterStep.run();
            if (next != Long.MAX_VALUE) {
                timer.schedule(this, Math.max(0, next - clock.millis()), TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            // the recovery must go on: a failed send is the mobile's silence, its timer handles it
            LOG.error("binding recovery step failed; trying again in 1 s", e);
            timer.schedule(this, 1, TimeUnit.SECONDS);
        }
    }
}
