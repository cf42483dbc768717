package net.homeagent.mip.api.management;

import java.util.List;
import java.util.OptionalLong;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The primary home agent's delegation as a manager sees it (docs/delegation.md; the SNMP agent serves
 * it as HOMEAGENT-MIB's hamDelegation): its counters and its secondary home agents, read-only, one
 * consistent picture per call. Provided by the delegation bundle only while the node is a PHA.
 *
 * @since 1.2.0
 */
@ProviderType
public interface DelegationView {

    /** The source of an SHA's appliance events: this prefix and its node id ({@code delegation-sha-2}). */
    String SHA_SOURCE_PREFIX = "delegation-sha-";

    /** The PHA now. */
    Primary primary();

    /** An SHA's state as the PHA sees it. */
    enum ShaState {
        /** Not heard since the PHA started: gets no mobile. */
        UNKNOWN,
        /** Heartbeating: gets mobiles by policy. */
        UP,
        /** Silent, or the peer link gave up on it: its mobiles were taken back or moved. */
        FAILED
    }

    /**
     * @param policy       the active policy's name
     * @param startsSent   Start Forwarding messages sent
     * @param accepted     Starts the SHAs accepted
     * @param refused      Starts the SHAs refused (capacity, no route, bad request, not a PHA) or left unanswered
     * @param stopsSent    Stop Forwarding messages sent
     * @param takenBack    mobiles the PHA forwards again after their SHA failed, refused or was moved away from
     * @param moved        mobiles moved to another SHA after theirs failed, or by an operator
     * @param policyMoves  mobiles a load policy moved
     * @param shaFailures  times an SHA was declared failed
     * @param shas         every configured SHA, by node id
     */
    record Primary(String policy, long startsSent, long accepted, long refused, long stopsSent, long takenBack,
            long moved, long policyMoves, long shaFailures, List<Sha> shas) {

        public Primary {
            shas = List.copyOf(shas);
        }
    }

    /**
     * @param nodeId           its node id on the peer link
     * @param address          where it is reached on the peer link, address and UDP port
     * @param mobiles          delegations it accepted
     * @param starting         Starts on their way to it
     * @param packetsPerSecond packets it forwarded per second over the last load interval, from its
     *                         Load Reports; empty until two reports gave it
     */
    record Sha(int nodeId, String address, ShaState state, int mobiles, int starting, OptionalLong packetsPerSecond) {
    }
}
