package net.homeagent.hacn.control;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiConsumer;

import net.homeagent.mip.api.Binding;

/**
 * One configured HA and what the control node knows of it: its state, its MBR snapshot, when it
 * was last heard, its link epoch, an outstanding poll, the failures detected, the HA that took
 * over its home addresses if it failed, whether its mobiles still wait for a redundant HA, and
 * whether it is a redundant HA now (configured so, or rejoined). Guarded by the control node's lock.
 */
final class TrackedAgent {

    /** Where each state change goes: logged, counted, published (with {@code details} for machines). */
    interface Transitions {
        void moved(TrackedAgent agent, AgentState from, AgentState to, String why, Map<String, String> details);
    }

    private final AgentSpec spec;
    private final MbrSnapshot mbr;
    private final Transitions transitions;
    private AgentState state = AgentState.UNKNOWN;
    private Instant lastHeard;
    private Long epoch;
    private int reportedBindings;
    private int pollId;
    private Instant pollDeadline;
    private int detections;
    private Integer successor;
    private boolean redundant;
    private boolean awaitingTakeover;
    private boolean standByOrdered;
    private long requests;

    TrackedAgent(AgentSpec spec, BiConsumer<Inet4Address, List<Binding>> holds, Transitions transitions) {
        this.spec = spec;
        this.mbr = new MbrSnapshot(holds);
        this.transitions = transitions;
        this.redundant = spec.redundant();
    }

    /**
     * What the checkpoint said of it before the control node restarted (docs/hacn.md, "Durable
     * snapshots"): the state, mapped to what can be trusted now, and, for an HA that was heard, a
     * last-heard time of {@code now}, so that an HA that died meanwhile is detected and taken over
     * from the checkpoint's MBR.
     */
    void restore(CheckpointFile.Agent saved, Instant now) {
        successor = saved.successor() == 0 ? null : saved.successor();
        redundant = saved.redundant() || spec.redundant();
        awaitingTakeover = saved.awaitingTakeover();
        AgentState to = switch (saved.state()) {
            case UNKNOWN -> AgentState.UNKNOWN;
            case ACTIVE, SUSPECT, SWITCHING_OVER -> AgentState.ACTIVE;
            case STANDING_BY, RECEIVING -> AgentState.STANDING_BY;
            case FAILED -> AgentState.FAILED;
            case REJOINING -> AgentState.REJOINING; // told again to stand by when heard as active
        };
        if (to != AgentState.UNKNOWN && to != AgentState.FAILED) {
            lastHeard = now;
        }
        moveTo(to, "restored from the checkpoint (was " + saved.state().text() + ")");
    }

    void moveTo(AgentState to, String why) {
        moveTo(to, why, Map.of());
    }

    /** @param details named values the change's ROLE_CHANGED event carries besides the HA's own */
    void moveTo(AgentState to, String why, Map<String, String> details) {
        AgentState from = state;
        if (from != to) {
            state = to;
            transitions.moved(this, from, to, why, details);
        }
    }

    /**
     * A message from the HA at {@code now} with its link's {@code senderEpoch}.
     *
     * @return whether this is a new life of the HA (first contact, or its link restarted)
     */
    boolean heard(Instant now, long senderEpoch) {
        lastHeard = now;
        boolean newLife = epoch == null || epoch != senderEpoch;
        epoch = senderEpoch;
        return newLife;
    }

    /** Its next message is a first contact (a control node that just became active has never heard it). */
    void newContact() {
        epoch = null;
        pollDeadline = null;
    }

    void polled(int id, Instant deadline) {
        pollId = id;
        pollDeadline = deadline;
    }

    /** @return whether {@code id} answered the outstanding poll */
    boolean pollAnswered(int id) {
        if (pollDeadline == null || id != pollId) {
            return false;
        }
        pollDeadline = null;
        return true;
    }

    /** The outstanding poll's id (meaningful while {@link #pollDeadline} is present). */
    int pollId() {
        return pollId;
    }

    Optional<Instant> pollDeadline() {
        return Optional.ofNullable(pollDeadline);
    }

    void detected() {
        detections++;
        pollDeadline = null;
    }

    int nodeId() {
        return spec.nodeId();
    }

    AgentSpec spec() {
        return spec;
    }

    AgentState state() {
        return state;
    }

    MbrSnapshot mbr() {
        return mbr;
    }

    Optional<Instant> lastHeard() {
        return Optional.ofNullable(lastHeard);
    }

    int detections() {
        return detections;
    }

    int reportedBindings() {
        return reportedBindings;
    }

    void reportedBindings(int count) {
        reportedBindings = count;
    }

    OptionalInt successor() {
        return successor == null ? OptionalInt.empty() : OptionalInt.of(successor);
    }

    void successor(int nodeId) {
        successor = nodeId;
        awaitingTakeover = false;
    }

    void forgetSuccessor() {
        successor = null;
    }

    /** Whether it is a redundant HA now: configured so, or rejoined as one. */
    boolean redundant() {
        return redundant;
    }

    void becameRedundant() {
        redundant = true;
    }

    /** Whether it failed while serving and its mobiles wait for a redundant HA to take them over. */
    boolean awaitingTakeover() {
        return awaitingTakeover;
    }

    void awaitingTakeover(boolean awaiting) {
        awaitingTakeover = awaiting;
    }

    /** Whether an order to stand by is on its way (sent, not yet acknowledged). */
    boolean standByOrdered() {
        return standByOrdered;
    }

    void standByOrdered(boolean ordered) {
        standByOrdered = ordered;
    }

    void forwarded() {
        requests++;
    }

    /** Registration Requests forwarded to it since the control node started. */
    long requests() {
        return requests;
    }

    /** Whether registrations may go to it now. */
    boolean routable() {
        return state == AgentState.ACTIVE || state == AgentState.SUSPECT;
    }
}
