package net.homeagent.group;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The member state machine as a table (docs/redundancy.md, "Member states", is the same table):
 *
 * <pre>
 * from     input               to                 design
 * INIT     START               LEARN              issue 11 "Learn state": a (re)starting member asks first
 * LEARN    LEARNED             STANDBY | PASSIVE  a designated responder's table is imported
 * LEARN    ALONE               STANDBY | PASSIVE  nobody answered: serve from the own durable backup
 * STANDBY  KEEPALIVED_MASTER   ACTIVE             RFC 5798 §6.4.2 Backup -> Master (keepalived decides)
 * ACTIVE   KEEPALIVED_BACKUP   STANDBY            RFC 5798 §6.4.3 Master -> Backup / Fault
 * STANDBY  RELEARN             LEARN              gap repair: missed changes the sender no longer holds
 * PASSIVE  RELEARN             LEARN              the same for a passive member
 * </pre>
 *
 * PASSIVE instead of STANDBY when the member is configured passive. Any other pair is ignored and
 * counted under {@code ignored}: keepalived's MASTER while learning cannot happen with the track
 * file in place, and if the operator's keepalived.conf lacks it, serving an unlearned table is
 * exactly what must not happen. Each transition is logged at INFO and counted as {@code from->to}.
 * Callers serialize inputs (the group's own executor).
 */
final class MemberStateMachine {

    private static final Logger LOG = LoggerFactory.getLogger(MemberStateMachine.class);

    /** One state change, as the listeners see it. */
    record Transition(MemberState from, MemberState to, MemberInput input, Instant at) {
    }

    private final Map<MemberState, Map<MemberInput, MemberState>> table = new EnumMap<>(MemberState.class);
    private final Clock clock;
    private final GroupCounters counters;
    private final List<Consumer<Transition>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Transition>> entering = new CopyOnWriteArrayList<>();
    private volatile MemberState state = MemberState.INIT;

    MemberStateMachine(boolean passive, Clock clock, GroupCounters counters) {
        this.clock = clock;
        this.counters = counters;
        MemberState learned = passive ? MemberState.PASSIVE : MemberState.STANDBY;
        row(MemberState.INIT, MemberInput.START, MemberState.LEARN);
        row(MemberState.LEARN, MemberInput.LEARNED, learned);
        row(MemberState.LEARN, MemberInput.ALONE, learned);
        if (!passive) {
            row(MemberState.STANDBY, MemberInput.KEEPALIVED_MASTER, MemberState.ACTIVE);
            row(MemberState.ACTIVE, MemberInput.KEEPALIVED_BACKUP, MemberState.STANDBY);
        }
        row(learned, MemberInput.RELEARN, MemberState.LEARN);
    }

    private void row(MemberState from, MemberInput input, MemberState to) {
        table.computeIfAbsent(from, f -> new EnumMap<>(MemberInput.class)).put(input, to);
    }

    /** Called with every transition, on the thread that gave the input, after the state changed. */
    void onTransition(Consumer<Transition> listener) {
        listeners.add(listener);
    }

    /**
     * Called with every transition before the new state is visible to other threads: what must be
     * in place when the state is (the term of an active member) is set up here.
     */
    void onEntering(Consumer<Transition> listener) {
        entering.add(listener);
    }

    MemberState state() {
        return state;
    }

    /** @return whether the input moved the member */
    boolean accept(MemberInput input) {
        MemberState from = state;
        MemberState to = table.getOrDefault(from, Map.of()).get(input);
        if (to == null) {
            counters.increment("ignored");
            LOG.debug("group member in {} ignores {}", from.label(), input);
            return false;
        }
        Transition transition = new Transition(from, to, input, clock.instant());
        entering.forEach(listener -> listener.accept(transition));
        state = to;
        counters.increment(from.label() + "->" + to.label());
        LOG.info("group member {} -> {} ({})", from.label(), to.label(), input);
        listeners.forEach(listener -> listener.accept(transition));
        return true;
    }
}
