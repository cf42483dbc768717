package net.homeagent.mip6.recovery;

import net.homeagent.mip6.cache.Mip6Binding;

/** What binding recovery asks of the role (home agent, correspondent) it runs in. Called on the recovery's own thread. */
public interface RecoveryActions {

    /**
     * Send a Binding Refresh Request (RFC 6275 §6.1.2) to the entry's home address via its care-of
     * address; {@code attempt} counts from 1.
     */
    void sendRefreshRequest(Mip6Binding entry, int attempt);

    /**
     * The mobile node stayed silent past its last timer: delete the entry from the binding cache,
     * which also stops forwarding to it.
     *
     * @return false when a Binding Update replaced the entry meanwhile (it raced the timer): the
     *         entry is then counted as validated
     */
    boolean deleteSilent(Mip6Binding entry);
}
