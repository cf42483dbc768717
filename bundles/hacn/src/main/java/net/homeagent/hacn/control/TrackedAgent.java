package net.homeagent.hacn.control;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiConsumer;

/**
 * One configured HA and what the control node knows of it: its state, its MBR snapshot, when it
 * was last heard, its link epoch, an outstanding poll, the failures detected, and the HA that took
 * over its home addresses if it failed. Guarded by the control node's lock.
 */
final class TrackedAgent {

    /** Where each state change goes: logged, counted, published. */
    interface Transitions {
        void moved(TrackedAgent agent, AgentState from, AgentState to, String why);
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

    TrackedAgent(AgentSpec spec, BiConsumer<Inet4Address, Boolean> holds, Transitions transitions) {
        this.spec = spec;
        this.mbr = new MbrSnapshot(holds);
        this.transitions = transitions;
    }

    void moveTo(AgentState to, String why) {
        AgentState from = state;
        if (from != to) {
            state = to;
            transitions.moved(this, from, to, why);
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
    }

    /** Whether registrations may go to it now. */
    boolean routable() {
        return state == AgentState.ACTIVE || state == AgentState.SUSPECT;
    }
}
