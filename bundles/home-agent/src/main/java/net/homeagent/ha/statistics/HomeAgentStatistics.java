package net.homeagent.ha.statistics;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;

import net.homeagent.ha.HomeAgentConfig;
import net.homeagent.ha.registration.RegistrationRecorder;
import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.BindingListener;
import net.homeagent.mip.api.RegistrationStatistics;
import net.homeagent.mip.api.RemovalReason;

/**
 * The registration path's counters: what the transport and the processor record, and the
 * bindings the store expires (it hears those as a {@link BindingListener}). Counting is a
 * {@link LongAdder} increment, cheap on the event loops.
 */
@Component(service = {RegistrationStatistics.class, RegistrationRecorder.class, BindingListener.class},
        configurationPid = HomeAgentConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class HomeAgentStatistics implements RegistrationStatistics, RegistrationRecorder, BindingListener {

    private final LongAdder requestsReceived = new LongAdder();
    private final LongAdder discarded = new LongAdder();
    private final LongAdder deregistrations = new LongAdder();
    private final LongAdder expiredBindings = new LongAdder();
    private final Map<Integer, LongAdder> repliesByCode = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> refusalsByReason = new ConcurrentHashMap<>();

    /**
     * A change of the home agent's configuration must not reset the counters: without this
     * method DS would deactivate and recreate the component.
     */
    @Modified
    void configurationChanged() {
        // nothing in the configuration concerns counting
    }

    @Override
    public void requestReceived() {
        requestsReceived.increment();
    }

    @Override
    public void replied(int code) {
        repliesByCode.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    @Override
    public void refused(String reason) {
        refusalsByReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    @Override
    public void discarded(String reason) {
        discarded.increment();
        refused(reason);
    }

    @Override
    public void deregistered() {
        deregistrations.increment();
    }

    @Override
    public void bindingChanged(BindingEvent event) {
        if (event.type() == BindingEvent.Type.REMOVED && event.reason().filter(RemovalReason.EXPIRED::equals).isPresent()) {
            expiredBindings.increment();
        }
    }

    @Override
    public RegistrationCounters snapshot() {
        return new RegistrationCounters(requestsReceived.sum(), discarded.sum(), sums(repliesByCode),
                sums(refusalsByReason), deregistrations.sum(), expiredBindings.sum());
    }

    private static <K extends Comparable<K>> SortedMap<K, Long> sums(Map<K, LongAdder> counters) {
        SortedMap<K, Long> copy = new TreeMap<>();
        counters.forEach((key, adder) -> copy.put(key, adder.sum()));
        return copy;
    }
}
