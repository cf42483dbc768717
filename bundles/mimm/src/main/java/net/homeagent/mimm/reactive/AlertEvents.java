package net.homeagent.mimm.reactive;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import net.homeagent.mip.api.events.ApplianceEvent;

/**
 * An alert's life as {@link ApplianceEvent.Kind#MIMM_ALERT} events on the appliance's routes (the
 * audit log, operator endpoints): one when it is raised, one when it expires or is cleared. Alerts
 * are few (a monitoring entity's traps), so each is an event of its own.
 */
final class AlertEvents {

    /** What happened to the alert: the event's {@code state} detail. */
    enum State {
        RAISED, EXPIRED, CLEARED
    }

    private AlertEvents() {
    }

    static ApplianceEvent of(Alert alert, State state, Instant at) {
        Map<String, String> details = new HashMap<>();
        details.put("alert", String.valueOf(alert.id()));
        details.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        details.put("networks", alert.networks().stream().map(String::valueOf).collect(Collectors.joining(",")));
        details.put("reason", alert.reason().name().toLowerCase(java.util.Locale.ROOT));
        details.put("expiry", String.valueOf(alert.expirySeconds()));
        details.put("subject", alert.subject());
        details.put("alternative", String.valueOf(alert.alternative().orElse(0)));
        return ApplianceEvent.of(ApplianceEvent.Kind.MIMM_ALERT, at, "mimm",
                "MIMM alert " + alert.id() + " " + details.get("state") + ": " + details.get("reason") + " for networks "
                        + details.get("networks") + " (" + alert.subject() + ")", details);
    }
}
