package net.homeagent.routes;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.events.ApplianceEvent.Kind;

/**
 * The audit log (logger {@value #LOGGER}, which etc/org.ops4j.pax.logging.cfg can send to a file of
 * its own): one line per event, except bindings. At 100,000 bindings a second a line each would be
 * unreadable and would cost more than the registrations, so binding additions and removals are
 * counted and written as one summary line per interval ({@code binding-summary} route); an operator
 * who needs each binding configures an operator endpoint, which receives them one by one.
 */
final class AuditLog {

    static final String LOGGER = "net.homeagent.audit";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final Map<Kind, LongAdder> bindingCounts = new EnumMap<>(Map.of(
            Kind.BINDING_ADDED, new LongAdder(), Kind.BINDING_REMOVED, new LongAdder()));
    private final Map<String, LongAdder> removalsByReason = new java.util.concurrent.ConcurrentHashMap<>();

    void record(ApplianceEvent event) {
        LongAdder binding = bindingCounts.get(event.kind());
        if (binding != null) {
            binding.increment();
            if (event.kind() == Kind.BINDING_REMOVED) {
                removalsByReason.computeIfAbsent(event.details().getOrDefault("reason", "UNKNOWN"),
                        r -> new LongAdder()).increment();
            }
            return;
        }
        LOG.info("{}", EventLine.of(event));
    }

    /** Writes the binding summary since the last one, if anything changed; returns the line or null. */
    String summarize(int tableSize) {
        long added = bindingCounts.get(Kind.BINDING_ADDED).sumThenReset();
        long removed = bindingCounts.get(Kind.BINDING_REMOVED).sumThenReset();
        if (added == 0 && removed == 0) {
            return null;
        }
        StringBuilder reasons = new StringBuilder();
        removalsByReason.forEach((reason, n) -> {
            long count = n.sumThenReset();
            if (count > 0) {
                reasons.append(reasons.length() == 0 ? " (" : ", ").append(reason).append(' ').append(count);
            }
        });
        if (reasons.length() > 0) {
            reasons.append(')');
        }
        String line = "BINDINGS added " + added + ", removed " + removed + reasons + ", table " + tableSize;
        LOG.info("{}", line);
        return line;
    }
}
