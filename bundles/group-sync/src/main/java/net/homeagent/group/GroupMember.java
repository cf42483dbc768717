package net.homeagent.group;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.group.wire.MalformedSyncMessage;
import net.homeagent.group.wire.SyncCodec;
import net.homeagent.group.wire.SyncMessage;
import net.homeagent.group.wire.SyncMessage.LearnChunk;
import net.homeagent.group.wire.SyncMessage.LearnRequest;
import net.homeagent.group.wire.SyncMessage.MemberAnnounce;
import net.homeagent.group.wire.SyncMessage.NotInitialized;
import net.homeagent.group.wire.SyncMessage.Relearn;
import net.homeagent.group.wire.SyncMessage.RepairRequest;
import net.homeagent.group.wire.SyncMessage.StateChange;
import net.homeagent.mip.api.BindingListener;
import net.homeagent.mip.api.BindingSnapshots;
import net.homeagent.mip.api.BindingStore;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.management.RedundancyGroupView;
import net.homeagent.mip.api.support.RateLimitedLog;
import net.homeagent.peer.PeerChannel;
import net.homeagent.peer.PeerLink;
import net.homeagent.peer.PeerMessage;
import net.homeagent.peer.vrrp.KeepalivedNotice;
import net.homeagent.peer.vrrp.KeepalivedTrackFile;

/**
 * This appliance as a member of its redundancy group (docs/redundancy.md): the state machine, its
 * peer-link channel (service {@value #SERVICE}) and what each message does. A state change is told
 * to keepalived (track file), to the other members (a heartbeat at once) and to the appliance's
 * event route. State changes from the group's replication are applied on the link's thread, so that
 * the link's acknowledgement means "in the table"; everything else runs on the group's thread.
 */
final class GroupMember implements AutoCloseable {

    /** The group binding sync's service number on the peer link (docs/protocols.md). */
    static final int SERVICE = 1;

    private static final Logger LOG = LoggerFactory.getLogger(GroupMember.class);

    private final GroupSettings settings;
    private final PeerLink link;
    private final Clock clock;
    private final Scheduler scheduler;
    private final GroupCounters counters = new GroupCounters();
    private final MemberStateMachine machine;
    private final GroupMembers members;
    private final GroupTerm terms;
    private final SequenceGaps gaps = new SequenceGaps();
    private final GapRepair repair;
    private final ChangeApplier applier;
    private final ReplyWaits replyWaits;
    private final Optional<KeepalivedTrackFile> trackFile;
    private final RateLimitedLog drops;
    private final PeerChannel channel;
    private final ChangeReplicator replicator;
    private final Learner learner;
    private final LearnResponder responder;
    private volatile boolean started;
    private volatile boolean closed;

    GroupMember(GroupSettings settings, PeerLink link, BindingStore store, BindingSnapshots snapshots, Clock clock,
            Scheduler scheduler, Consumer<ApplianceEvent> events) {
        this.settings = settings;
        this.link = link;
        this.clock = clock;
        this.scheduler = scheduler;
        this.machine = new MemberStateMachine(settings.passive(), clock, counters);
        this.members = new GroupMembers(link.nodeId(), clock, settings.memberSilence());
        this.terms = new GroupTerm(settings.repairRingSize());
        this.applier = new ChangeApplier(store, clock, counters, settings.tombstoneLife());
        this.replyWaits = new ReplyWaits(settings.replyWaitsForGroup(), settings.replyTimeout(), scheduler, members,
                counters);
        this.trackFile = settings.trackFile().map(KeepalivedTrackFile::new);
        this.drops = new RateLimitedLog(clock, Duration.ofSeconds(10), LOG::warn);
        this.channel = link.open(SERVICE, this::receive);
        this.replicator = new ChangeReplicator(store, machine::state, terms, members, channel, clock, counters,
                replyWaits::sent);
        this.learner = new Learner(link.nodeId(), channel, clock, scheduler, counters, applier, members, gaps,
                settings.learnRetry(), settings.learnTimeout(), input -> machine.accept(input));
        this.repair = new GapRepair(gaps, terms, channel, clock, counters, settings.gapRepair());
        this.responder = new LearnResponder(link.nodeId(), channel, snapshots, members, terms, clock, counters,
                settings.chunkBytes(), scheduler);
        trackFile.ifPresent(file -> file.mayTakeAddress(MemberState.INIT.mayTakeAddress()));
        machine.onEntering(transition -> {
            if (transition.to() == MemberState.ACTIVE) {
                beginTerm("becoming active");
            }
        });
        machine.onTransition(transition -> {
            trackFile.ifPresent(file -> file.mayTakeAddress(transition.to().mayTakeAddress()));
            announce();
            events.accept(ApplianceEvent.roleChanged(transition.at(), RedundancyGroupView.ROLE,
                    transition.from().label(), transition.to().label(),
                    transition.input().name().toLowerCase(java.util.Locale.ROOT))
                    .withDetail("node", Integer.toString(link.nodeId())));
        });
    }

    /** Starts the learn state, the heartbeats and the tombstone purge. */
    void start() {
        started = true;
        scheduler.execute(() -> {
            machine.accept(MemberInput.START);
            learner.begin();
        });
        scheduler.schedule(settings.heartbeat(), this::heartbeat);
        scheduler.schedule(settings.gapRepair(), this::checkGaps);
        schedulePurge();
    }

    /** Called with every transition of the member, after the state changed. */
    void onTransition(Consumer<MemberStateMachine.Transition> listener) {
        machine.onTransition(listener);
    }

    /** keepalived's word for our instance (from the notify FIFO's thread). */
    void keepalived(KeepalivedNotice notice) {
        scheduler.execute(() -> machine.accept(MemberInput.of(notice)));
    }

    private void receive(PeerMessage message) {
        SyncMessage decoded;
        try {
            decoded = SyncCodec.decode(message.payload(), clock.instant());
        } catch (MalformedSyncMessage e) {
            counters.increment("dropped-malformed");
            drops.log("malformed", () -> "group sync message from node " + message.sender().nodeId() + " dropped: "
                    + e.getMessage());
            return;
        }
        if (decoded instanceof StateChange change) {
            terms.observe(change.term());
            applier.apply(message, change);
            gaps.received(message.sender(), change.term(), change.sequence(), clock.instant());
            return;
        }
        scheduler.execute(() -> handle(message, decoded));
    }

    private void handle(PeerMessage message, SyncMessage decoded) {
        if (!started || closed) {
            // the channel opens in the constructor: a peer's message may come before start();
            // learn requests and heartbeats are repeated, so dropping it loses nothing
            counters.increment("dropped-not-started");
            return;
        }
        if (decoded instanceof LearnRequest request) {
            if (request.nodeId() != message.sender().nodeId()) {
                counters.increment("dropped-foreign-identifier");
                return;
            }
            members.heard(message.sender(), MemberState.LEARN);
            responder.answer(message.sender(), request, machine.state());
        } else if (decoded instanceof LearnChunk chunk) {
            terms.observe(chunk.term());
            learner.chunk(message.sender(), message.senderEpoch(), chunk);
        } else if (decoded instanceof NotInitialized answer) {
            members.heard(message.sender(), MemberState.LEARN);
            learner.notInitialized(answer.requestId());
        } else if (decoded instanceof MemberAnnounce announce) {
            Optional<GroupMembers.Returned> returned = members.heard(message.sender(), announce.state());
            heardTerm(announce);
            if (returned.isPresent() && machine.state() == MemberState.ACTIVE && announce.state().learned()) {
                // it was left out of the changes while silent: the active member drives its catch-up
                repair.caughtUp(message.sender(), returned.get());
            }
        } else if (decoded instanceof RepairRequest request) {
            repair.requested(message.sender(), request);
        } else if (decoded instanceof Relearn relearn) {
            relearn(message, relearn);
        }
    }

    /** The sender cannot resend what this member missed: learn the whole table again. */
    private void relearn(PeerMessage message, Relearn relearn) {
        if (relearn.term() < terms.highest() || !machine.accept(MemberInput.RELEARN)) {
            counters.increment("relearn-ignored");
            return;
        }
        LOG.info("group member missed changes {}-{} of term {} that node {} no longer holds: learning again",
                relearn.first(), relearn.last(), relearn.term(), message.sender().nodeId());
        learner.begin();
    }

    private void checkGaps() {
        if (!closed) {
            repair.check(machine.state());
            scheduler.schedule(settings.gapRepair(), this::checkGaps);
        }
    }

    /**
     * A heartbeat's term. An active member that hears of a term higher than its own from a
     * member that is not active takes a new one: that member holds changes of that term (a
     * previous active's, before this member restarted alone and forgot its terms, or before a
     * partition healed), and would ignore this member's changes of a lower term. Two active members
     * (a split brain) do not outbid each other, neither directly nor through the terms the others
     * heard from them: none raises while it knows another active member alive.
     */
    private void heardTerm(MemberAnnounce announce) {
        long own = terms.tenure().map(GroupTerm.Tenure::term).orElse(0L);
        terms.observe(announce.term());
        if (machine.state() == MemberState.ACTIVE && announce.state() != MemberState.ACTIVE && announce.term() > own
                && !members.activeAlive(link.nodeId())) {
            counters.increment("terms-raised");
            beginTerm("heard term " + announce.term() + " from a member that is not active");
        }
    }

    private void beginTerm(String why) {
        GroupTerm.Tenure tenure = terms.begin();
        LOG.info("group member takes term {} ({})", tenure.term(), why);
        counters.increment("terms-begun");
    }

    private void heartbeat() {
        if (!closed) {
            announce();
            scheduler.schedule(settings.heartbeat(), this::heartbeat);
        }
    }

    private void announce() {
        channel.announce(SyncCodec.encode(new MemberAnnounce(machine.state(), terms.highest()), clock.instant()));
    }

    private void purge() {
        if (!closed) {
            applier.purgeTombstones();
            schedulePurge();
        }
    }

    /** Twice per tombstone life, so that none outlives it by more than half. */
    private void schedulePurge() {
        Duration half = settings.tombstoneLife().dividedBy(2);
        scheduler.schedule(half.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : half, this::purge);
    }

    BindingListener replicator() {
        return replicator;
    }

    ReplyWaits replyWaits() {
        return replyWaits;
    }

    MemberState state() {
        return machine.state();
    }

    GroupMembers members() {
        return members;
    }

    GroupCounters counters() {
        return counters;
    }

    Optional<Learner.LastLearn> lastLearn() {
        return learner.last();
    }

    /** What the operator's commands show. */
    GroupStatus.Snapshot snapshot() {
        java.time.Instant now = clock.instant();
        List<GroupStatus.Member> known = members.all().stream().map(m -> new GroupStatus.Member(m.node().nodeId(),
                m.node().address().getAddress().getHostAddress() + ":" + m.node().address().getPort(), m.state(),
                Duration.between(m.lastHeard(), now), members.alive(m), m.sent(), m.lag(), m.failed(), m.lagged(),
                m.lagging())).toList();
        Optional<GroupStatus.LastLearn> learned = learner.last().map(l -> new GroupStatus.LastLearn(l.at(), l.from(),
                l.chunks(), l.bindings(), l.result().keptNewer(), l.result().removed(), l.took(), l.importing()));
        return new GroupStatus.Snapshot(link.nodeId(), machine.state(), settings.vrrpInstance(),
                settings.virtualAddress(), settings.passive(), settings.replyWaitsForGroup(), terms.highest(),
                replicator.lastSequence(), applier.tombstones(), replyWaits.unacknowledged(), known, learned,
                counters.snapshot());
    }

    @Override
    public void close() {
        closed = true;
        channel.close();
    }
}
