package net.homeagent.mimmclient.manager;

import java.time.Instant;
import java.util.Optional;

/**
 * A completed move: from which link (none at attach) to which, when and why.
 *
 * @param advised     the advisor answered the move's Request Handoff
 * @param sameAddress a move inside a subnet group: the links share the care-of address, nothing was
 *                    registered (docs/mimm.md "Client: subnet groups")
 */
public record Handoff(Instant time, Optional<String> from, String to, HandoffReason reason, boolean advised,
        boolean sameAddress) {

    /** A move to another care-of address. */
    public Handoff(Instant time, Optional<String> from, String to, HandoffReason reason, boolean advised) {
        this(time, from, to, reason, advised, false);
    }
}
