package net.homeagent.mip.api.management;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The HA control node of this appliance as a manager sees it (docs/hacn.md, "Operator"; the SNMP agent
 * serves it as HOMEAGENT-HACN-MIB): its counters, the pair of control nodes and its home agents,
 * read-only, one consistent picture per call. Provided by the hacn bundle only while the appliance is
 * an enabled control node; no service, no control node.
 *
 * @since 1.3.0
 */
@ProviderType
public interface ControlNodeView {

    /**
     * The source of the control node's own appliance events: an HA's FAILURE (details {@code ha},
     * {@code detection} as {@link Detection#label()}, {@code reason}, {@code bindings} in its MBR), and the
     * ROLE_CHANGED standby -> active of a control node that resumes (details {@code node}, its node id,
     * {@code agents}, {@code bindings}).
     */
    String SOURCE = "hacn";
    /**
     * The source of an HA's ROLE_CHANGED events: this prefix and its node id ({@code hacn-ha-2}); their
     * details add {@code ha}, and a redundant HA's activation (receiving -> active) {@code takenFrom},
     * {@code bindings} downloaded and {@code cause} ({@code failure} or {@code switchover}).
     */
    String AGENT_SOURCE_PREFIX = "hacn-ha-";

    /** The control node now. */
    ControlNode controlNode();

    /** An HA's state as the control node sees it (docs/hacn.md, "States of an HA"). */
    enum AgentState {
        UNKNOWN, ACTIVE, SUSPECT, STANDING_BY, RECEIVING, SWITCHING_OVER, FAILED, REJOINING;

        /** The state a label names ({@code standing-by}, as the logs and the appliance events write it), if any. */
        public static Optional<AgentState> ofLabel(String label) {
            for (AgentState state : values()) {
                if (state.label().equals(label)) {
                    return Optional.of(state);
                }
            }
            return Optional.empty();
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** How the control node found an HA failed (docs/hacn.md, "Failure detection"). */
    enum Detection {
        HEARTBEAT, POLL, INTERRUPT, DOWNLOAD, RESTART, REJOIN;

        /** The detection a label names ({@code heartbeat}, as the FAILURE event's detail writes it), if any. */
        public static Optional<Detection> ofLabel(String label) {
            for (Detection detection : values()) {
                if (detection.label().equals(label)) {
                    return Optional.of(detection);
                }
            }
            return Optional.empty();
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which of a pair of control nodes this one is (docs/hacn.md, "Standby control node"). */
    enum PairRole {
        /** No peer control node configured. */
        ALONE,
        /** Learning the active peer's state; keepalived may not give it the public address. */
        LEARNING,
        /** Holds the active peer's state, follows its replicas. */
        STANDBY,
        /** Serves the public address, with a standby peer. */
        ACTIVE
    }

    /**
     * @param counts the control node's counters
     * @param pair   the pair of control nodes
     * @param agents every configured HA, by node id
     */
    record ControlNode(Counts counts, Pair pair, List<Agent> agents) {

        public ControlNode {
            agents = List.copyOf(agents);
        }
    }

    /**
     * What the control node counted since it started ({@code hacn:stats}).
     *
     * @param requestsReceived   datagrams that reached the public address
     * @param requestsForwarded  requests handed to an HA
     * @param repliesSent        HA replies sent from the public address
     * @param requestsTimedOut   forwarded requests no HA answered in time
     * @param requestsDropped    requests not forwarded: undecodable, not a request, a retransmission in flight,
     *                           no HA for the home address, its HA switching over, this node standing by
     * @param peerDropped        control node messages dropped: unknown node, malformed, from a failed HA, unexpected
     * @param detectionsHeartbeat failures detected by missed heartbeats (without polling)
     * @param detectionsPoll      failures detected by an unanswered poll
     * @param detectionsInterrupt failures an HA reported itself
     * @param detectionsDownload  redundant HAs that did not acknowledge a download or their activation
     * @param detectionsRestart   HAs found restarted without the bindings they served
     * @param detectionsRejoin    HAs that did not acknowledge the order to stand by
     * @param downloads           downloads started (takeovers and switchovers)
     * @param takeovers           downloads completed: a redundant HA activated
     * @param takeoversWithoutRedundant failures with no redundant HA standing by
     * @param bindingsDownloaded  bindings of the completed downloads
     * @param switchovers         operator switchovers completed
     * @param switchoversAbandoned operator switchovers abandoned (no redundant HA left)
     * @param rejoins             failed or switched-over HAs that stand by again as redundant HAs
     * @param snapshotReasks      snapshots asked again of an HA after no chunk came for the stall time
     * @param switchoversRefused  operator switchovers refused: the HA's MBR was not whole within the wait
     */
    record Counts(long requestsReceived, long requestsForwarded, long repliesSent, long requestsTimedOut,
            long requestsDropped, long peerDropped, long detectionsHeartbeat, long detectionsPoll,
            long detectionsInterrupt, long detectionsDownload, long detectionsRestart, long detectionsRejoin,
            long downloads, long takeovers, long takeoversWithoutRedundant, long bindingsDownloaded, long switchovers,
            long switchoversAbandoned, long rejoins, long snapshotReasks, long switchoversRefused) {
    }

    /**
     * @param role             which of the pair this control node is
     * @param peerNodeId       the peer control node's node id; empty when alone
     * @param activeNodeId     the node id of the active control node as this one knows it: its own when it
     *                         serves, the peer's when it stands by or learns; empty when alone
     * @param replicasSent     replicas sent to the standby peer
     * @param replicasReceived replicas received from the active peer (applied or stale)
     * @param learns           whole states learned from the active peer
     * @param learnedOwn       times it kept its own state instead (peer down, or both starting)
     * @param resumes          times it became the active control node (keepalived MASTER)
     */
    record Pair(PairRole role, OptionalInt peerNodeId, OptionalInt activeNodeId, long replicasSent,
            long replicasReceived, long learns, long learnedOwn, long resumes) {
    }

    /**
     * @param nodeId            its node id on the peer link
     * @param address           where it is reached on the peer link, address and UDP port
     * @param redundant         a redundant HA (configured so, or rejoined) rather than an active one
     * @param state             its state
     * @param priority          its priority as a redundant HA (higher is chosen first)
     * @param capacity          bindings it can take; 0: no limit
     * @param homeAddresses     home addresses in its MBR snapshot
     * @param bindings          bindings in its MBR snapshot
     * @param reportedBindings  bindings its last heartbeat said it holds
     * @param heardAgoMillis    milliseconds since it was last heard; empty if never
     * @param loadPercent       MBR bindings in percent of its capacity; empty without a capacity
     * @param requests          requests forwarded to it
     * @param inFlight          of those, waiting for its reply now
     * @param failures          failures detected
     * @param successor         the HA that took its mobiles over; empty if none
     * @param awaitingTakeover  failed, its mobiles waiting for a redundant HA
     */
    record Agent(int nodeId, String address, boolean redundant, AgentState state, int priority, int capacity,
            int homeAddresses, int bindings, int reportedBindings, OptionalLong heardAgoMillis,
            OptionalInt loadPercent, long requests, int inFlight, int failures, OptionalInt successor,
            boolean awaitingTakeover) {
    }
}
