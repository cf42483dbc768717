package net.homeagent.ha.statistics;

import java.util.Arrays;
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
 * {@link LongAdder} increment, cheap on the event loops; the replies by code are an array indexed by
 * the code and the refusal reasons are the few constant texts of {@code RefusalReason}.
 */
@Component(service = {RegistrationStatistics.class, RegistrationRecorder.class, BindingListener.class},
        configurationPid = HomeAgentConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class HomeAgentStatistics implements RegistrationStatistics, RegistrationRecorder, BindingListener {

    private final LongAdder requestsReceived = new LongAdder();
    private final LongAdder discarded = new LongAdder();
    private final LongAdder deregistrations = new LongAdder();
    private final LongAdder expiredBindings = new LongAdder();
    /** Indexed by the reply code, an octet (RFC 5944 §3.4): no boxing and no map look-up per reply. */
    private final LongAdder[] repliesByCode = new LongAdder[256];
    private final Map<String, LongAdder> refusalsByReason = new ConcurrentHashMap<>();

    public HomeAgentStatistics() {
        Arrays.setAll(repliesByCode, code -> new LongAdder());
    }

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
        repliesByCode[code & 0xff].increment();
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
        return new RegistrationCounters(requestsReceived.sum(), discarded.sum(), repliesSent(),
                sums(refusalsByReason), deregistrations.sum(), expiredBindings.sum());
    }

    /** The codes replied at least once, as the API's map has them. */
    private SortedMap<Integer, Long> repliesSent() {
        SortedMap<Integer, Long> sent = new TreeMap<>();
        for (int code = 0; code < repliesByCode.length; code++) {
            long replies = repliesByCode[code].sum();
            if (replies > 0) {
                sent.put(code, replies);
            }
        }
        return sent;
    }

    private static SortedMap<String, Long> sums(Map<String, LongAdder> counters) {
        SortedMap<String, Long> copy = new TreeMap<>();
        counters.forEach((key, adder) -> copy.put(key, adder.sum()));
        return copy;
    }
}
