package net.homeagent.mip.api.events;

import java.util.Objects;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The reader of {@link ApplianceEvent.Kind#NETWORK_ALERT} events (the MIMM advisor) asked about an
 * alert before a source publishes it, so that a source that can answer its sender (the routes'
 * HTTP alert endpoint) refuses a bad alert there and then instead of publishing an event the
 * advisor would only count as bad. The same reading the advisor applies to the published event:
 * one parser and validator for every path an alert takes. Added in 1.3.0.
 */
@ConsumerType
public interface NetworkAlertCheck {

    /** @return never null; never throws, whatever the event holds */
    Verdict check(ApplianceEvent alert);

    /**
     * @param accepted whether the reader would raise the alert
     * @param text     one line: what it would raise (subject, networks, reason, expiry,
     *                 alternative), or why not
     */
    record Verdict(boolean accepted, String text) {
        public Verdict {
            Objects.requireNonNull(text, "text");
        }
    }
}
