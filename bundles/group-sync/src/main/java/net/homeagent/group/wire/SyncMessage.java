package net.homeagent.group.wire;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import net.homeagent.group.MemberState;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.RemovalReason;

/**
 * The messages of the group binding sync (peer-link service 1), byte by byte in docs/protocols.md,
 * "Group binding sync". Bindings carry their times relative to the sender's clock at encoding.
 */
public sealed interface SyncMessage {

    /**
     * A home address's whole state after a local change on the active member: its bindings, none
     * when it has no binding left ({@code removal} then says why). {@code term} is the sender's
     * term as active member (a Raft-like term: a change of a lower term than the one a receiver
     * holds is a previous active's late one); {@code sequence} counts the sender's changes in that
     * term from 1, so a stale or duplicated one, or a gap, is recognized.
     */
    record StateChange(long term, long sequence, Inet4Address homeAddress, List<Binding> bindings,
            Optional<RemovalReason> removal) implements SyncMessage {
        public StateChange {
            bindings = List.copyOf(bindings);
        }
    }

    /** A member in learn state asks for the table; {@code nodeId} is its HA identifier. */
    record LearnRequest(int nodeId, int requestId) implements SyncMessage {
    }

    /**
     * Part {@code index} of {@code count} of the table answering {@code requestId}, with the
     * responder's own state, the highest term it knows and, if it is active, the sequence number of
     * its last change sent before it read the table (0 otherwise); the other members the responder
     * knows travel in part 0.
     */
    record LearnChunk(int requestId, int index, int count, MemberState responderState, long term, long sequence,
            List<MemberInfo> members, List<Binding> bindings)
            implements SyncMessage {
        public LearnChunk {
            members = List.copyOf(members);
            bindings = List.copyOf(bindings);
        }
    }

    /** The answer of a member that has not learned the table itself. */
    record NotInitialized(int requestId) implements SyncMessage {
    }

    /** A member's heartbeat: its state and the highest term it knows, sent on every change of state and periodically. */
    record MemberAnnounce(MemberState state, long term) implements SyncMessage {
    }

    /**
     * A receiver missed changes {@code first} to {@code last} of the sender's {@code term} (a gap that
     * the link's retransmission did not fill in time): the sender resends them, or answers
     * {@link Relearn} when they are no longer in its ring of recent changes.
     */
    record RepairRequest(long term, long first, long last) implements SyncMessage {
    }

    /**
     * The changes {@code first} to {@code last} of {@code term} cannot be resent (they left the
     * sender's ring, or the sender is in another term): the receiver learns the whole table again.
     */
    record Relearn(long term, long first, long last) implements SyncMessage {
    }

    /** A member as a learn chunk lists it. */
    record MemberInfo(int nodeId, InetSocketAddress address, MemberState state) {
    }
}
