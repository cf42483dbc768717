package net.homeagent.store;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.BindingListener;
import net.homeagent.mip.api.support.RateLimitedLog;

/**
 * The whiteboard of {@link BindingListener}s. Every listener hears every event; one that throws is
 * logged (at most one line per listener per {@link #FAILURE_LOG_INTERVAL}) and counted, and the
 * others and the store carry on: a faulty data plane or SNMP bundle must not lose a binding.
 */
final class BindingListeners {

    static final Duration FAILURE_LOG_INTERVAL = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(BindingListeners.class);

    private final CopyOnWriteArrayList<GuardedListener> listeners = new CopyOnWriteArrayList<>();
    private final LongAdder failures = new LongAdder();
    private final Clock clock;

    BindingListeners(Clock clock) {
        this.clock = clock;
    }

    void add(BindingListener listener) {
        listeners.add(new GuardedListener(listener, new RateLimitedLog(clock, FAILURE_LOG_INTERVAL, LOG::warn)));
    }

    void remove(BindingListener listener) {
        listeners.removeIf(guarded -> guarded.listener == listener);
    }

    /** Whether anyone listens: without a listener no event (and no {@code Binding} for it) need be made. */
    boolean any() {
        return !listeners.isEmpty();
    }

    void deliver(BindingEvent event) {
        for (GuardedListener guarded : listeners) {
            guarded.deliver(event);
        }
    }

    /** How many times a listener threw. */
    long failures() {
        return failures.sum();
    }

    private final class GuardedListener {
        final BindingListener listener;
        final RateLimitedLog failureLog;

        GuardedListener(BindingListener listener, RateLimitedLog failureLog) {
            this.listener = listener;
            this.failureLog = failureLog;
        }

    void deliver(BindingEvent event) {
            try {
                listener.bindingChanged(event);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (RuntimeException | Error failure) {
                failures.increment();
                failureLog.report(() -> "Binding listener " + listener + " failed on " + event.type() + " of "
                        + event.binding().homeAddress().getHostAddress() + " at "
                        + event.binding().careOfAddress().getHostAddress(), failure);
            }
        }
    }
}
