package net.homeagent.group;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.group.wire.SyncCodec;
import net.homeagent.group.wire.SyncMessage;
import net.homeagent.group.wire.SyncMessage.Relearn;
import net.homeagent.group.wire.SyncMessage.RepairRequest;
import net.homeagent.group.wire.SyncMessage.StateChange;
import net.homeagent.mip.api.support.RateLimitedLog;
import net.homeagent.peer.PeerChannel;
import net.homeagent.peer.PeerNode;

/**
 * Gap repair (docs/redundancy.md, "Gap repair"), both sides. A receiver whose {@link SequenceGaps}
 * show a gap still open after {@code wait} asks the sender for the missing range; the sender
 * resends the changes from its term's ring, or answers {@link Relearn} when they left it (or the
 * request is of another term), and the receiver then learns the table again. A member heard again
 * after a silence is caught up the same way by the active member, which alone knows what it sent
 * to the others meanwhile. Runs on the group's thread; resent changes go reliably, as unicasts.
 */
final class GapRepair {

    private static final Logger LOG = LoggerFactory.getLogger(GapRepair.class);

    private final SequenceGaps gaps;
    private final GroupTerm terms;
    private final PeerChannel channel;
    private final Clock clock;
    private final GroupCounters counters;
    private final Duration wait;
    private final RateLimitedLog log;

    GapRepair(SequenceGaps gaps, GroupTerm terms, PeerChannel channel, Clock clock, GroupCounters counters,
            Duration wait) {
        this.gaps = gaps;
        this.terms = terms;
        this.channel = channel;
        this.clock = clock;
        this.counters = counters;
        this.wait = wait;
        this.log = new RateLimitedLog(clock, Duration.ofSeconds(10), LOG::info);
    }

    /**
     * The receiver's timer: asks for each gap open too long. Only a learned member that is not
     * active asks: a learning one gets the whole table anyway, the active one holds the truth.
     */
    void check(MemberState state) {
        if (state != MemberState.STANDBY && state != MemberState.PASSIVE) {
            return;
        }
        for (SequenceGaps.Gap gap : gaps.due(clock.instant(), wait, terms.highest())) {
            counters.increment("gap-repair-requests");
            log.log("request", () -> "group member missed changes " + gap.first() + "-" + gap.last() + " of term "
                    + gap.term() + " from node " + gap.sender().nodeId() + ": asking for them");
            send(gap.sender(), new RepairRequest(gap.term(), gap.first(), gap.last()));
        }
    }

    /** The sender's side: resend the range from the ring, or tell the receiver to learn again. */
    void requested(PeerNode receiver, RepairRequest request) {
        resend(receiver, request.term(), request.first(), request.last(), "gap-repair");
    }

    /**
     * A member heard again after a silence: the changes of this member's current term after the
     * last one sent to it went to the others only.
     */
    void caughtUp(PeerNode member, GroupMembers.Returned returned) {
        Optional<GroupTerm.Tenure> tenure = terms.tenure();
        if (tenure.isEmpty()) {
            return;
        }
        long term = tenure.get().term();
        long first = (returned.term() == term ? returned.sequence() : 0) + 1;
        long last = tenure.get().last();
        if (first > last) {
            counters.increment("silent-member-missed-nothing");
            return;
        }
        resend(member, term, first, last, "silent-member");
    }

    private void resend(PeerNode receiver, long term, long first, long last, String counter) {
        Optional<List<StateChange>> changes = terms.tenure().filter(t -> t.term() == term)
                .flatMap(t -> t.recent(first, last));
        if (changes.isEmpty()) {
            counters.increment(counter + "-relearn");
            log.log("relearn", () -> "group member cannot resend changes " + first + "-" + last + " of term " + term
                    + " to node " + receiver.nodeId() + ": it learns again");
            send(receiver, new Relearn(term, first, last));
            return;
        }
        Instant now = clock.instant();
        changes.get().forEach(change -> channel.send(receiver.address(), SyncCodec.encode(change, now)));
        counters.increment(counter + "-answers");
        counters.add(counter + "-resent", changes.get().size());
    }

    private void send(PeerNode to, SyncMessage message) {
        channel.send(to.address(), SyncCodec.encode(message, clock.instant()))
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        counters.increment("gap-repair-unacknowledged");
                    }
                });
    }
}
