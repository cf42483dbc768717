package net.homeagent.mimm.reactive;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the operator sees of reactive advice (bundle-internal service for {@code mimm:alerts}). */
public interface AlertsView {

    /** The alerts that hold now, by id. */
    List<Alert> alerts();

    /** Forgets an alert (no more periodic pushes, pulls no longer answered with it). */
    Optional<Alert> clear(int id);

    /** The counters by name, then the problems by key. */
    Map<String, Long> counters();

    /** Advice queued for its first send, and sent but not acknowledged yet. */
    int queued();

    int unacknowledged();
}
