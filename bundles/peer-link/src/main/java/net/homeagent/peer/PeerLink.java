package net.homeagent.peer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * This appliance's end of the peer link (PID {@code net.homeagent.peer}): its node id, the group it
 * belongs to, and the channels the roles open on it. Messages from another group id, with a bad
 * HMAC, replayed, or malformed are dropped and counted before any channel sees them.
 */
@ProviderType
public interface PeerLink {

    /** This node's id, unique in the deployment (a redundancy group member's HA identifier). */
    int nodeId();

    /** The group id every datagram carries; a datagram of another group is dropped. */
    int groupId();

    /**
     * Opens the channel of {@code service} (a role's protocol number, docs/protocols.md lists the
     * ones taken). Messages of that service are given to {@code receiver} from then on.
     *
     * @throws IllegalStateException if the service is already open on this link
     */
    PeerChannel open(int service, PeerReceiver receiver);

    /** Counters and configuration, for the operator. */
    PeerLinkStatus status();
}
