package net.homeagent.mip.api.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something the appliance did or saw that an operator, a manager or another role may want to know,
 * published once through {@link ApplianceEvents} and fanned out from there (docs/snmp.md: to SNMP
 * notifications, the audit log and operator-configured endpoints).
 *
 * @param kind    what happened
 * @param at      when
 * @param source  who reports it: a role or component name ({@code home-agent}, {@code binding-store},
 *                {@code snmp}, later {@code hacn}, {@code data-plane} ...)
 * @param text    one line for a person
 * @param details named values for machines (addresses, counts, states); never a secret
 */
public record ApplianceEvent(Kind kind, Instant at, String source, String text, Map<String, String> details) {

    public ApplianceEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
        details = Map.copyOf(details);
    }

    public enum Kind {
        /** The appliance (its event routes) started. */
        APPLIANCE_STARTED,
        /** A binding was added to the table (details: home, careOf). */
        BINDING_ADDED,
        /** A binding left the table (details: home, careOf, reason). */
        BINDING_REMOVED,
        /** The binding table grew past its configured high-water mark (details: bindings, threshold). */
        BINDING_TABLE_HIGH_WATER,
        /** The binding table fell back below the clear mark after a high-water event. */
        BINDING_TABLE_NORMAL,
        /** Many authentication failures in a short time (details: protocol, failures, windowSeconds). */
        AUTHENTICATION_FAILURE_BURST,
        /** The durable binding backup could not write, or its restore found a problem. */
        BACKUP_PROBLEM,
        /** A component failed (details: component); the data plane reports its errors this way. */
        FAILURE,
        /**
         * A role changed state (details: role, from, to, reason; a group member adds node, its node id);
         * see {@link #roleChanged}.
         */
        ROLE_CHANGED,
        /** A notification received from outside (an SNMP trap of a monitoring entity). */
        NETWORK_ALERT,
        /**
         * The MIMM advisor raised, expired or cleared an alert (details: alert, state, networks,
         * reason, expiry, subject, alternative); since 1.2.0.
         */
        MIMM_ALERT,
        /**
         * The MIMM advisor's advice over an interval, summarised: what changed in its counters
         * (details: seconds, then one entry per counter that moved); since 1.2.0.
         */
        MIMM_ADVICE,
        /**
         * A load-balancing policy moved mobiles between the nodes that forward them, at most one event
         * per load interval (details: policy, moves, overBudget) (since 1.2.0).
         */
        LOAD_MOVES
    }

    public static ApplianceEvent of(Kind kind, Instant at, String source, String text, Map<String, String> details) {
        return new ApplianceEvent(kind, at, source, text, details);
    }

    /**
     * A role's state change, e.g. a redundancy group member going from {@code backup} to
     * {@code master}, or a control node taking over an HA's bindings. Later roles publish these.
     */
    public static ApplianceEvent roleChanged(Instant at, String role, String from, String to, String why) {
        return new ApplianceEvent(Kind.ROLE_CHANGED, at, role, role + ": " + from + " -> " + to + " (" + why + ")",
                Map.of("role", role, "from", from, "to", to, "reason", why));
    }

    /**
     * This event with one more named value, e.g. the node id of a group member whose role changed
     * (since 1.1.0).
     */
    public ApplianceEvent withDetail(String key, String value) {
        Map<String, String> more = new java.util.HashMap<>(details);
        more.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new ApplianceEvent(kind, at, source, text, more);
    }

    /** A component failure; {@code component} names the part that failed. */
    public static ApplianceEvent failure(Instant at, String component, String text) {
        return new ApplianceEvent(Kind.FAILURE, at, component, text, Map.of("component", component));
    }
}
