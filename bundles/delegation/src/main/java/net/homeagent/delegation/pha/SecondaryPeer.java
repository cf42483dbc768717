package net.homeagent.delegation.pha;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import net.homeagent.peer.PeerNode;

/** One configured SHA as the PHA tracks it. Changed only under the {@link PrimaryAgent}'s lock. */
final class SecondaryPeer {

    final PeerNode node;
    ShaState state = ShaState.UNKNOWN;
    Optional<Instant> lastHeard = Optional.empty();
    /** The epoch of the SHA's link when last heard; a greater one is a restart. */
    long epoch;
    /** Entries the SHA said it forwards in its last heartbeat. */
    long reportedEntries;
    long capacity;
    /** Stops sent and not answered yet: while any, the heartbeat's count is not compared. */
    int stopsInFlight;
    int failures;
    /** The number of the last Load Report taken in this life of its link (0: none yet). */
    long lastReport;
    /** Mobiles delegated to it (accepted or on their way), and of those the ones whose Start waits for its ack. */
    int assigned;
    int awaiting;
    /**
     * The delegations whose Start waits for room in its window ({@code startsInFlight} awaiting an
     * ack at most), oldest first; each once, with its newest binding.
     */
    final Set<Delegation> queue = new LinkedHashSet<>();
    /**
     * The mobiles taken from it when it failed: if it is heard again it may still forward them (it
     * was only slow, or cut off), so it is told to stop those that went elsewhere.
     */
    final Set<Inet4Address> takenAway = new HashSet<>();

    SecondaryPeer(PeerNode node) {
        this.node = node;
    }

    int id() {
        return node.nodeId();
    }
}
