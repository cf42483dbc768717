package net.homeagent.routes;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.events.ApplianceEvent.Kind;

/**
 * The audit log (logger {@value #LOGGER}, which etc/org.ops4j.pax.logging.cfg can send to a file of
 * its own): one line per event, except bindings. At 100,000 bindings a second a line each would be
 * unreadable and would cost more than the registrations, so binding additions and removals are
 * counted where they happen ({@link BindingTally}, fed by the {@link EventHub}) and written as one
 * summary line per interval ({@code binding-summary} route); an operator who needs each binding
 * configures an operator endpoint for the binding kinds, which receives them one by one.
 */
final class AuditLog {

    static final String LOGGER = "net.homeagent.audit";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final BindingTally bindings;

    AuditLog(BindingTally bindings) {
        this.bindings = bindings;
    }

    void record(ApplianceEvent event) {
        // forwarded bindings are already in the tally: the summary counts them
        if (event.kind() != Kind.BINDING_ADDED && event.kind() != Kind.BINDING_REMOVED) {
            LOG.info("{}", EventLine.of(event));
        }
    }

    /** Writes the binding summary since the last one, if anything changed; returns the line or null. */
    String summarize(int tableSize) {
        BindingTally.Counts counts = bindings.drain();
        if (counts.added() == 0 && counts.removed() == 0) {
            return null;
        }
        String line = "BINDINGS added " + counts.added() + ", removed " + counts.removed() + counts.reasons()
                + ", table " + tableSize;
        LOG.info("{}", line);
        return line;
    }
}
