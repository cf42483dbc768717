package net.homeagent.delegation.pha;

import java.net.Inet4Address;
import java.util.List;
import java.util.OptionalInt;

/**
 * Picks the SHA of a mobile that has none (one policy active, switched at run time with
 * {@code delegation:policy}). Called under the PHA's lock, in memory: it must return at once.
 */
public interface DelegationPolicy {

    /** The name the configuration and the shell use. */
    String name();

    /**
     * @param available the SHAs that are up, with what they forward now
     * @return the node id of the SHA that should forward {@code home}, or empty to keep it at the PHA
     */
    OptionalInt choose(Inet4Address home, List<ShaLoad> available);

    /** An SHA that is up: its node id, the mobiles delegated to it (acked or on their way), its capacity (0: none). */
    record ShaLoad(int nodeId, int mobiles, long capacity) {

        public boolean hasRoom() {
            return capacity == 0 || mobiles < capacity;
        }
    }
}
