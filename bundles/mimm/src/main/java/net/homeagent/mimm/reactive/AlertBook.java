package net.homeagent.mimm.reactive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The alerts that hold now, by id. An alert with a positive expiry is forgotten when it runs out
 * ({@link #expire}); one with -1 holds until {@link #clear}ed. Thread-safe: the event route adds,
 * the periodic push and the pull answers read, the operator clears.
 */
public final class AlertBook {

    private final Map<Integer, Alert> alerts = new TreeMap<>();
    /** How many alerts are kept, readable without the lock: the registration thread asks it per arrival. */
    private volatile int kept;
    private int lastId;

    /** Keeps a new alert under the next id and returns it. */
    synchronized Alert add(AlertRequest request, Instant now) {
        Optional<Instant> until = request.expirySeconds() == -1 ? Optional.empty()
                : Optional.of(now.plusSeconds(request.expirySeconds()));
        Alert alert = new Alert(++lastId, request.subject(), request.networks(), request.reason(),
                request.expirySeconds(), request.alternative(), now, until, request.source());
        alerts.put(alert.id(), alert);
        kept = alerts.size();
        return alert;
    }

    synchronized Optional<Alert> clear(int id) {
        Optional<Alert> cleared = Optional.ofNullable(alerts.remove(id));
        kept = alerts.size();
        return cleared;
    }

    /** Forgets the alerts that ran out; returns them. */
    synchronized List<Alert> expire(Instant now) {
        List<Alert> gone = new ArrayList<>();
        alerts.values().removeIf(a -> {
            boolean out = !a.holdsAt(now);
            if (out) {
                gone.add(a);
            }
            return out;
        });
        kept = alerts.size();
        return gone;
    }

    /** Whether any alert is kept (held or not yet expired by the periodic check); no lock. */
    boolean any() {
        return kept > 0;
    }

    synchronized List<Alert> active(Instant now) {
        return alerts.values().stream().filter(a -> a.holdsAt(now)).toList();
    }

    /** The newest alert that holds for this network now. */
    synchronized Optional<Alert> newestFor(int network, Instant now) {
        Alert newest = null;
        for (Alert a : alerts.values()) {
            if (a.holdsAt(now) && a.networks().contains(network)) {
                newest = a;
            }
        }
        return Optional.ofNullable(newest);
    }
}
