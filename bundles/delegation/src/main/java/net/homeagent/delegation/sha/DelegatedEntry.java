package net.homeagent.delegation.sha;

import java.time.Instant;
import java.util.Optional;

import net.homeagent.mip.api.TunnelSpec;

/**
 * One home address an SHA forwards for its PHA.
 *
 * @param tunnel     what its data plane has installed: outer source the PHA's address
 * @param phaEpoch   the PHA link's epoch the Start came in: a later epoch is a restarted PHA
 * @param since      when the first Start for it was accepted
 * @param expiresAt  when it stops by itself; empty for a binding that never expires
 */
public record DelegatedEntry(TunnelSpec tunnel, long phaEpoch, Instant since, Optional<Instant> expiresAt) {

    public boolean expiredAt(Instant now) {
        return expiresAt.isPresent() && !expiresAt.get().isAfter(now);
    }
}
