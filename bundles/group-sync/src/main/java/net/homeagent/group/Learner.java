package net.homeagent.group;

import java.net.Inet4Address;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.homeagent.group.wire.SyncCodec;
import net.homeagent.group.wire.SyncMessage.LearnChunk;
import net.homeagent.group.wire.SyncMessage.LearnRequest;
import net.homeagent.mip.api.Binding;
import net.homeagent.peer.PeerChannel;
import net.homeagent.peer.PeerNode;

/**
 * The learn state of a (re)starting member (docs/redundancy.md, "Learn state"): announces a
 * {@link LearnRequest} with its HA identifier every {@code retry} until a designated responder's
 * first chunk comes, collects that responder's chunks (each sent reliably by the responder's link),
 * then imports the whole table ({@link ChangeApplier#importLearned}: changes of the group that
 * arrived meanwhile are newer and stay). With no answer within {@code timeout} the member is alone
 * and serves its own durable backup, unless a learned member is heard alive: then it goes on
 * asking; a responder that stops half-way (no chunk for {@code timeout}) makes it ask again. Runs on the group's thread.
 */
final class Learner {

    private static final Logger LOG = LoggerFactory.getLogger(Learner.class);

    /**
     * How the last learn ended, for {@code group:status}: {@code took} from the first request to the
     * end, of which {@code importing} the last chunk to the end (the table written into the store),
     * so that a slow learn says whether the transfer or the store was slow.
     */
    record LastLearn(Instant at, Optional<Integer> from, int chunks, long bindings, ChangeApplier.LearnImport result,
            Duration took, Duration importing) {
    }

    private final int self;
    private final PeerChannel channel;
    private final Clock clock;
    private final Scheduler scheduler;
    private final GroupCounters counters;
    private final ChangeApplier applier;
    private final GroupMembers members;
    private final SequenceGaps gaps;
    private final Duration retry;
    private final Duration timeout;
    private final Consumer<MemberInput> done;

    private int requestId;
    private boolean learning;
    private Instant startedAt;
    private long mark;
    private Integer responder;
    private PeerNode responderNode;
    private long responderEpoch;
    private LearnChunk[] chunks;
    private int received;
    private Scheduler.Cancellable retryTimer = () -> {
    };
    private Scheduler.Cancellable deadline = () -> {
    };
    private volatile LastLearn last;

    /** @param done told LEARNED or ALONE when the learn state ends */
    Learner(int self, PeerChannel channel, Clock clock, Scheduler scheduler, GroupCounters counters,
            ChangeApplier applier, GroupMembers members, SequenceGaps gaps, Duration retry, Duration timeout,
            Consumer<MemberInput> done) {
        this.gaps = gaps;
        this.self = self;
        this.channel = channel;
        this.clock = clock;
        this.scheduler = scheduler;
        this.counters = counters;
        this.applier = applier;
        this.members = members;
        this.retry = retry;
        this.timeout = timeout;
        this.done = done;
        this.requestId = (int) clock.millis();
    }

    void begin() {
        learning = true;
        requestId++;
        startedAt = clock.instant();
        mark = applier.mark();
        responder = null;
        chunks = null;
        received = 0;
        ask();
        restartDeadline();
    }

    private void ask() {
        counters.increment("learn-requests-sent");
        channel.announce(SyncCodec.encode(new LearnRequest(self, requestId), clock.instant()));
        retryTimer = scheduler.schedule(retry, this::ask);
    }

    private void restartDeadline() {
        deadline.cancel();
        deadline = scheduler.schedule(timeout, this::timedOut);
    }

    /** A chunk of a learn answer from {@code sender}, whose link is in {@code senderEpoch}. */
    void chunk(PeerNode sender, long senderEpoch, LearnChunk chunk) {
        if (!learning || chunk.requestId() != requestId) {
            counters.increment("learn-chunks-stale");
            return;
        }
        if (responder == null) {
            responder = sender.nodeId();
            responderNode = sender;
            responderEpoch = senderEpoch;
            chunks = new LearnChunk[chunk.count()];
            retryTimer.cancel();
            LOG.info("group member learns the binding table from node {} ({} chunks)", responder, chunk.count());
        }
        if (sender.nodeId() != responder || senderEpoch != responderEpoch || chunk.count() != chunks.length
                || chunks[0] != null && chunk.term() != chunks[0].term()) {
            counters.increment("learn-chunks-foreign");
            return;
        }
        if (chunks[chunk.index()] != null) {
            counters.increment("learn-chunks-duplicate");
            return;
        }
        members.heard(sender, chunk.responderState());
        chunks[chunk.index()] = chunk;
        received++;
        counters.increment("learn-chunks-received");
        chunk.members().forEach(m -> members.toldOf(m.nodeId(), m.address(), m.state()));
        restartDeadline();
        if (received == chunks.length) {
            finish();
        }
    }

    /** A member that has not learned itself answered: it is in the group, but cannot teach. */
    void notInitialized(int answeredRequest) {
        counters.increment(answeredRequest == requestId ? "learn-not-initialized" : "learn-chunks-stale");
    }

    private void finish() {
        Instant transferred = clock.instant();
        Map<Inet4Address, List<Binding>> table = new HashMap<>();
        long bindings = 0;
        for (LearnChunk chunk : chunks) {
            for (Binding b : chunk.bindings()) {
                table.computeIfAbsent(b.homeAddress(), h -> new ArrayList<>(1)).add(b);
                bindings++;
            }
        }
        LearnChunk first = chunks[0];
        ChangeApplier.LearnImport result = applier.importLearned(table, mark,
                new ChangeApplier.LearnedFrom(responder, responderEpoch, first.term(), first.sequence()));
        if (first.responderState() == MemberState.ACTIVE) {
            // the active member's changes up to the table's sequence are in it: no gap to repair there
            gaps.learned(responderNode, first.term(), first.sequence());
        }
        LOG.info("group member learned {} bindings in {} chunks from node {} (kept newer: {}, removed: {})", bindings,
                chunks.length, responder, result.keptNewer(), result.removed());
        Instant now = clock.instant();
        end(new LastLearn(now, Optional.of(responder), chunks.length, bindings, result, Duration.between(startedAt, now),
                Duration.between(transferred, now)), MemberInput.LEARNED);
    }

    private void timedOut() {
        if (!learning) {
            return;
        }
        if (responder != null) {
            // the responder stopped half-way (died, or lost its address): ask the group again
            counters.increment("learn-restarted");
            retryTimer.cancel();
            begin();
            return;
        }
        if (members.all().stream().anyMatch(m -> m.state().learned() && members.alive(m))) {
            // a member that could teach is alive (its heartbeats come) but its answer has not: busy,
            // or its chunks lost; serving the own backup now would put a stale table in the group
            counters.increment("learn-waiting-for-group");
            restartDeadline();
            return;
        }
        LOG.info("group member heard no learn answer in {} ms: alone, serving its own backup", timeout.toMillis());
        end(new LastLearn(clock.instant(), Optional.empty(), 0, 0, new ChangeApplier.LearnImport(0, 0, 0),
                Duration.between(startedAt, clock.instant()), Duration.ZERO), MemberInput.ALONE);
    }

    private void end(LastLearn outcome, MemberInput input) {
        learning = false;
        retryTimer.cancel();
        deadline.cancel();
        chunks = null;
        last = outcome;
        counters.increment(input == MemberInput.ALONE ? "learns-alone" : "learns-completed");
        done.accept(input);
    }

    Optional<LastLearn> last() {
        return Optional.ofNullable(last);
    }
}
