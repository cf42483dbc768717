package net.homeagent.hacn.wire;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import net.homeagent.mip.api.Binding;

/**
 * The messages of the control node protocol (peer-link service {@value HacnCodec#SERVICE}), byte by
 * byte in docs/protocols.md, "Control node". Bindings carry their times relative to the sender's
 * clock at encoding.
 */
public sealed interface HacnMessage {

    /**
     * HACN to HA: a Registration Request the control node received on its public address, with
     * where it came from ({@code origin}) and the address and port it arrived on.
     */
    record ForwardedRequest(long requestId, InetSocketAddress origin, InetSocketAddress arrivedOn, byte[] request)
            implements HacnMessage {
    }

    /**
     * HA to HACN: the answer to {@code requestId}: the reply's bytes, signed, or none for a silent
     * discard; and the bindings {@code homeAddress} holds once the decision is durable.
     */
    record ForwardedReply(long requestId, Optional<byte[]> reply, Inet4Address homeAddress, List<Binding> bindings)
            implements HacnMessage {
        public ForwardedReply {
            bindings = List.copyOf(bindings);
        }
    }

    /**
     * HA to HACN: a home address's whole state after a change of the HA's table (none left: it
     * has no binding). {@code sequence} counts the HA's reports since its link started.
     */
    record ChangeReport(long sequence, Inet4Address homeAddress, List<Binding> bindings) implements HacnMessage {
        public ChangeReport {
            bindings = List.copyOf(bindings);
        }
    }

    /** HA to HACN, every heartbeat interval: the last report's sequence, the table's size, the HA's role. */
    record Heartbeat(long lastSequence, int bindings, AgentRole role) implements HacnMessage {
    }

    /** HACN to HA: are you alive? */
    record Poll(int pollId) implements HacnMessage {
    }

    /** HA to HACN: the answer to a poll, with what a heartbeat says. */
    record PollAnswer(int pollId, long lastSequence, int bindings, AgentRole role) implements HacnMessage {
    }

    /** HA to HACN: the HA knows it is failing and says why (bundle stopping, data plane, backup). */
    record FailingInterrupt(String reason) implements HacnMessage {
    }

    /** HACN to HA: send the whole table (the HACN missed a report), as {@code transferId}'s chunks. */
    record SnapshotRequest(int transferId) implements HacnMessage {
    }

    /**
     * Part {@code index} of {@code count} of a table: from an HA answering a {@link SnapshotRequest}
     * (its report sequence when the export began), or from the HACN downloading a failed HA's
     * bindings to a redundant HA (sequence 0). A home address's bindings are all in one chunk.
     */
    record SnapshotChunk(int transferId, int index, int count, long sequence, List<Binding> bindings)
            implements HacnMessage {
        public SnapshotChunk {
            bindings = List.copyOf(bindings);
        }
    }

    /** HACN to a redundant HA: every chunk of {@code transferId} is acknowledged; serve them now. */
    record Activate(int transferId, int chunks) implements HacnMessage {
    }

    /**
     * HACN to an HA that must stop serving (docs/hacn.md, "Rejoin"): a failed HA heard again whose
     * mobile nodes the redundant HA {@code successor} took over (0: none did), or the HA of a
     * manual switchover once its successor is activated. The HA clears its table and stands by as
     * a redundant HA, available for the next takeover.
     */
    record StandBy(int successor) implements HacnMessage {
    }

    /**
     * An HA's state at the control node as the active control node replicates it to the standby
     * (docs/hacn.md, "Standby control node"): {@code state} is the checkpoint's state code (0 to
     * {@value HacnCodec#AGENT_STATES} - 1), {@code successor} 0 for none.
     */
    record AgentEntry(int nodeId, int state, int successor, boolean redundant, boolean awaitingTakeover) {
    }

    /**
     * Active HACN to standby HACN: HA {@code nodeId}'s MBR records of {@code homeAddress} now (none
     * left: forgotten). {@code sequence} orders every replica of the active control node's life.
     */
    record ReplicaHome(long sequence, int nodeId, Inet4Address homeAddress, List<Binding> bindings)
            implements HacnMessage {
        public ReplicaHome {
            bindings = List.copyOf(bindings);
        }
    }

    /** Active HACN to standby HACN: an HA's state, successor or role changed. */
    record ReplicaAgent(long sequence, AgentEntry agent) implements HacnMessage {
    }

    /** A control node that (re)starts or lost the address to its peer: send me your whole state. */
    record LearnRequest(int transferId) implements HacnMessage {
    }

    /**
     * The answer to {@link LearnRequest} {@code transferId} (or the active control node's own
     * offer after a replica was lost): whether the sender is the active control node (a standby
     * one has nothing to teach and lists nothing), the replica sequence the state was taken at,
     * each HA's entry and the transfer id and chunk count of its MBR, sent as {@link SnapshotChunk}s.
     */
    record LearnSummary(int transferId, boolean active, long sequence, List<LearnedAgent> agents)
            implements HacnMessage {
        public LearnSummary {
            agents = List.copyOf(agents);
        }
    }

    /** One HA in a {@link LearnSummary}. */
    record LearnedAgent(AgentEntry entry, int mbrTransferId, int chunks) {
    }

    /**
     * HACN to an activated redundant HA that restarted standing by (its configured role) holding as
     * many bindings as the control node's MBR of it: serve them again, as activated (docs/hacn.md,
     * "Takeover"); its backup restored them, so no download is needed. {@code bindings}: the MBR's count.
     */
    record ServeHeld(int bindings) implements HacnMessage {
    }

    /** What an HA is, as its heartbeat tells. */
    enum AgentRole {
        /** An active HA: serves the home addresses the HACN hands it. */
        ACTIVE(0),
        /** A redundant HA standing by: holds nothing it serves until activated. */
        STANDING_BY(1),
        /** A redundant HA activated by the HACN: serves what it took over. */
        ACTIVATED(2);

        private final int code;

        AgentRole(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** The name in logs and events. */
        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        static Optional<AgentRole> ofCode(int code) {
            for (AgentRole role : values()) {
                if (role.code == code) {
                    return Optional.of(role);
                }
            }
            return Optional.empty();
        }
    }
}
