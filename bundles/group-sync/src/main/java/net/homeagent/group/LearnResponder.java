package net.homeagent.group;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import net.homeagent.group.wire.SyncCodec;
import net.homeagent.group.wire.SyncMessage.LearnChunk;
import net.homeagent.group.wire.SyncMessage.LearnRequest;
import net.homeagent.group.wire.SyncMessage.MemberInfo;
import net.homeagent.group.wire.SyncMessage.NotInitialized;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingFilter;
import net.homeagent.mip.api.BindingSnapshots;
import net.homeagent.peer.PeerChannel;
import net.homeagent.peer.PeerNode;

/**
 * Answers learn requests (docs/redundancy.md, "Learn state"). One designated responder answers: the
 * active member; with none known, the learned member (standby or passive) with the lowest node id.
 * It sends its table, every binding with its remaining lifetime, in chunks of at most
 * {@code chunkBytes}, each a reliable unicast to the requester; the first carries the members it
 * knows. A member that has not learned itself answers "not initialized"; the others stay silent.
 * Runs on the group's thread.
 *
 * <p>The chunks are paced: at most {@link #CHUNKS_IN_FLIGHT} unacknowledged at once, the next sent
 * when one is acknowledged. Handed to the link all at once (35,715 chunks for 1,000,000 bindings)
 * they overran the learner's socket and windows, their retransmissions piled up behind them and were
 * given up, and the learn never completed (docs/redundancy.md, "Proof"). A chunk given up ends the
 * answer: the learner notices the silence and asks again.
 */
final class LearnResponder {

    /** Bytes of a chunk before its members and bindings. */
    private static final int CHUNK_HEADER = 35;
    private static final int MEMBER_BYTES = 11;
    /** 64 chunks of at most 1,200 bytes: ~77 KB in flight, far inside a socket buffer and the link's windows. */
    static final int CHUNKS_IN_FLIGHT = 64;

    private final int self;
    private final PeerChannel channel;
    private final BindingSnapshots snapshots;
    private final GroupMembers members;
    private final Clock clock;
    private final GroupCounters counters;
    private final int chunkBytes;
    private final GroupTerm terms;
    private final Executor groupThread;

    LearnResponder(int self, PeerChannel channel, BindingSnapshots snapshots, GroupMembers members, GroupTerm terms,
            Clock clock, GroupCounters counters, int chunkBytes, Executor groupThread) {
        this.self = self;
        this.groupThread = groupThread;
        this.terms = terms;
        this.channel = channel;
        this.snapshots = snapshots;
        this.members = members;
        this.clock = clock;
        this.counters = counters;
        this.chunkBytes = chunkBytes;
    }

    void answer(PeerNode requester, LearnRequest request, MemberState state) {
        if (!state.learned()) {
            counters.increment("learn-answers-not-initialized");
            channel.send(requester.address(), SyncCodec.encode(new NotInitialized(request.requestId()), clock.instant()));
            return;
        }
        if (!designated(state, requester.nodeId())) {
            counters.increment("learn-requests-left-to-others");
            return;
        }
        // read before the table: every change up to this sequence is in the table (or a newer state is);
        // an active member's changes carry its tenure's term, which the learner must hold them at
        GroupTerm.Tenure tenure = state == MemberState.ACTIVE ? terms.tenure().orElse(null) : null;
        long sequence = tenure == null ? 0 : tenure.last();
        long term = tenure == null ? terms.highest() : tenure.term();
        List<Binding> table = new ArrayList<>();
        snapshots.export(BindingFilter.ALL, table::add);
        List<LearnChunk> chunks = chunks(request.requestId(), state, term, sequence, table, known(requester.nodeId()));
        new Transfer(requester.address(), chunks).start();
        counters.increment("learn-answers");
        counters.add("learn-chunks-sent", chunks.size());
        counters.add("learn-bindings-sent", table.size());
    }

    /** The active member answers; with none known alive, the learned member with the lowest node id. */
    private boolean designated(MemberState state, int requester) {
        if (state == MemberState.ACTIVE) {
            return true;
        }
        if (members.activeAlive(requester)) {
            return false;
        }
        return members.all().stream().filter(m -> m.state().learned() && members.alive(m))
                .noneMatch(m -> m.node().nodeId() < self && m.node().nodeId() != requester);
    }

    private List<MemberInfo> known(int requester) {
        return members.all().stream().filter(m -> m.node().nodeId() != requester)
                .map(m -> new MemberInfo(m.node().nodeId(), m.node().address(), m.state())).toList();
    }

    private List<LearnChunk> chunks(int requestId, MemberState state, long term, long sequence, List<Binding> table,
            List<MemberInfo> knownMembers) {
        List<List<Binding>> parts = new ArrayList<>();
        List<Binding> part = new ArrayList<>();
        int bytes = CHUNK_HEADER + MEMBER_BYTES * knownMembers.size();
        for (Binding b : table) {
            int size = SyncCodec.size(b);
            if (!part.isEmpty() && (bytes + size > chunkBytes || part.size() == 0xFFFF)) {
                parts.add(part);
                part = new ArrayList<>();
                bytes = CHUNK_HEADER;
            }
            part.add(b);
            bytes += size;
        }
        parts.add(part);
        List<LearnChunk> chunks = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            chunks.add(new LearnChunk(requestId, i, parts.size(), state, term, sequence, i == 0 ? knownMembers : List.of(),
                    parts.get(i)));
        }
        return chunks;
    }

    /** One answer's chunks on their way, {@link #CHUNKS_IN_FLIGHT} at a time; on the group's thread. */
    private final class Transfer {
        private final InetSocketAddress to;
        private final List<LearnChunk> chunks;
        private int next;
        private boolean abandoned;

        Transfer(InetSocketAddress to, List<LearnChunk> chunks) {
            this.to = to;
            this.chunks = chunks;
        }

        void start() {
            for (int i = 0; i < CHUNKS_IN_FLIGHT; i++) {
                sendNext();
            }
        }

        private void sendNext() {
            if (abandoned || next == chunks.size()) {
                return;
            }
            LearnChunk chunk = chunks.get(next++);
            channel.send(to, SyncCodec.encode(chunk, clock.instant())).whenComplete((ok, failure) ->
                    groupThread.execute(() -> acknowledged(failure)));
        }

        private void acknowledged(Throwable failure) {
            if (failure != null) {
                counters.increment("learn-chunks-unacknowledged");
                abandoned = true;
                return;
            }
            sendNext();
        }
    }
}
