package net.homeagent.group;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import net.homeagent.peer.PeerNode;

/**
 * The other members this member knows (issue 11: "members keep the list of group members from
 * requests and replies"), heard from their learn requests, learn chunks and heartbeats, with what
 * the active member knows of their replication: updates sent, acknowledged, failed. A member not
 * heard for {@code silence} gets no more updates: a dead peer must not hold every reply up.
 */
final class GroupMembers {

    private final int self;
    private final Clock clock;
    private final Duration silence;
    private final Map<Integer, Member> members = new ConcurrentHashMap<>();

    GroupMembers(int self, Clock clock, Duration silence) {
        this.self = self;
        this.clock = clock;
        this.silence = silence;
    }

    /** One other member, as the shell shows it. */
    static final class Member {
        private volatile PeerNode node;
        private volatile MemberState state;
        private volatile Instant lastHeard;
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong acknowledged = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong lagged = new AtomicLong();
        private volatile boolean lagging;
        /** The term and sequence number of the last change sent to it (so far as it was a target). */
        private volatile long sentTerm;
        private volatile long sentSequence;

        Member(PeerNode node, MemberState state, Instant heard) {
            this.node = node;
            this.state = state;
            this.lastHeard = heard;
        }

        PeerNode node() {
            return node;
        }

        MemberState state() {
            return state;
        }

        Instant lastHeard() {
            return lastHeard;
        }

        /** Updates sent to it and not yet acknowledged or given up. */
        long lag() {
            return sent.get() - acknowledged.get() - failed.get();
        }

        long sent() {
            return sent.get();
        }

        long failed() {
            return failed.get();
        }

        /** How many times a reply went before this member acknowledged, or it never did. */
        long lagged() {
            return lagged.get();
        }

        /** Marked when a reply could not wait for it any longer; cleared by its next acknowledgement. */
        boolean lagging() {
            return lagging;
        }
    }

    /**
     * What a member was last sent before it fell silent: the changes after {@code sequence} of
     * {@code term} went to the others only.
     */
    record Returned(long term, long sequence) {
    }

    /**
     * A member was heard from, in {@code state} (a learn request says LEARN).
     *
     * @return what it was last sent, when it had been silent longer than {@code silence} (no change
     *         since went to it)
     */
    Optional<Returned> heard(PeerNode node, MemberState state) {
        if (node.nodeId() == self) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Returned[] returned = {null};
        members.compute(node.nodeId(), (id, known) -> {
            if (known == null) {
                return new Member(node, state, now);
            }
            if (!known.lastHeard.isAfter(now.minus(silence))) {
                // read before lastHeard makes it a target again: every change after this missed it
                returned[0] = new Returned(known.sentTerm, known.sentSequence);
            }
            known.node = node;
            known.state = state;
            known.lastHeard = now;
            return known;
        });
        return Optional.ofNullable(returned[0]);
    }

    /** A member a peer told us of (a learn chunk's list): known from now, its state as the peer saw it. */
    void toldOf(int nodeId, InetSocketAddress address, MemberState state) {
        if (nodeId != self) {
            members.putIfAbsent(nodeId, new Member(new PeerNode(nodeId, address), state, clock.instant()));
        }
    }

    /** The members that get the active member's updates: heard lately, past INIT (a learner gets them too). */
    List<PeerNode> replicationTargets() {
        Instant since = clock.instant().minus(silence);
        return members.values().stream().filter(m -> m.state != MemberState.INIT && m.lastHeard.isAfter(since))
                .map(Member::node).toList();
    }

    /** Whether a member other than {@code except}, heard within the silence bound, is active. */
    boolean activeAlive(int except) {
        return members.values().stream()
                .anyMatch(m -> m.state == MemberState.ACTIVE && alive(m) && m.node.nodeId() != except);
    }

    /** Whether the member was heard within the silence bound. */
    boolean alive(Member member) {
        return member.lastHeard.isAfter(clock.instant().minus(silence));
    }

    Optional<Member> get(int nodeId) {
        return Optional.ofNullable(members.get(nodeId));
    }

    Collection<Member> all() {
        return members.values().stream().sorted((a, b) -> Integer.compare(a.node.nodeId(), b.node.nodeId())).toList();
    }

    /** Change {@code sequence} of {@code term} was sent to {@code to}. */
    void sent(Collection<PeerNode> to, long term, long sequence) {
        to.forEach(node -> get(node.nodeId()).ifPresent(m -> {
            m.sent.incrementAndGet();
            m.sentTerm = term;
            m.sentSequence = sequence;
        }));
    }

    void acknowledged(int nodeId) {
        get(nodeId).ifPresent(m -> {
            m.acknowledged.incrementAndGet();
            m.lagging = false;
        });
    }

    void failed(int nodeId) {
        get(nodeId).ifPresent(m -> {
            m.failed.incrementAndGet();
            m.lagging = true;
        });
    }

    /** Whether the member is marked lagging (unknown members are not). */
    boolean lagging(int nodeId) {
        Member member = members.get(nodeId);
        return member != null && member.lagging;
    }

    /** A reply stopped waiting for this member. */
    void lagged(int nodeId) {
        get(nodeId).ifPresent(m -> {
            m.lagged.incrementAndGet();
            m.lagging = true;
        });
    }
}
