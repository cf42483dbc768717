package net.homeagent.mimm.reactive;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import net.homeagent.mip.codec.mimm.AlertReason;

/**
 * An alert a monitoring entity raised, mapped to the networks it concerns, as the advisor keeps it
 * until it expires or the operator clears it.
 *
 * @param id            the advisor's number for it ({@code mimm:alerts}, {@code mimm:alert-clear})
 * @param subject       what the monitoring entity named (a network id, a network name or a configured subject)
 * @param networks      the networks whose mobiles are told to leave
 * @param expirySeconds what the mobiles are told: avoid for that many seconds, or -1 for the rest of the session
 * @param until         when the advisor forgets it; empty for -1 (held until cleared)
 * @param source        who raised it (the trap's peer, or the event's source)
 */
public record Alert(int id, String subject, List<Integer> networks, AlertReason reason, long expirySeconds,
        OptionalInt alternative, Instant raisedAt, Optional<Instant> until, String source) {

    public Alert {
        networks = List.copyOf(networks);
    }

    boolean holdsAt(Instant now) {
        return until.map(now::isBefore).orElse(true);
    }

    /**
     * What a mobile is told now: the expiry left in whole seconds, rounded up so that a mobile never
     * comes back before the alert ends (at least 1 s), or -1.
     */
    long expiryLeft(Instant now) {
        return until.map(u -> Math.max(1, (Duration.between(now, u).toMillis() + 999) / 1000)).orElse(expirySeconds);
    }
}
