package net.homeagent.hacn.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import net.homeagent.hacn.wire.HacnMessage.Poll;

/**
 * The control node's timers of failure detection (docs/hacn.md, "Failure detection"), each
 * configurable: heartbeats missed ({@code heartbeatMisses} x {@code heartbeatMillis} of silence),
 * then a poll of the silent HA if {@code pollSilent} (else silence is failure), and polls of every
 * HA in turn every {@code pollEveryMillis}; a poll unanswered within {@code pollTimeoutMillis} is
 * a failure. The third way, the HA's own interrupt, arrives as a message. Runs on the control
 * node's tick, under its lock; time comes from its clock.
 */
final class FailureDetector {

    private final ControlSettings settings;
    private final ControlCore core;
    private int nextPollId;
    private int turn;
    private Instant nextTurnPoll;

    FailureDetector(ControlSettings settings, ControlCore core) {
        this.settings = settings;
        this.core = core;
    }

    void tick(Instant now) {
        for (TrackedAgent agent : watched()) {
            if (agent.pollDeadline().filter(deadline -> !now.isBefore(deadline)).isPresent()) {
                core.fail(agent, "poll", "poll unanswered for " + settings.pollTimeout().toMillis() + " ms");
            } else if (silent(agent, now) && agent.pollDeadline().isEmpty()) {
                String silence = settings.heartbeatMisses() + " heartbeats missed";
                if (!settings.pollSilent()) {
                    core.fail(agent, "heartbeat", silence);
                    continue;
                }
                if (agent.state() == AgentState.ACTIVE) {
                    agent.moveTo(AgentState.SUSPECT, silence + ", polling");
                }
                poll(agent, now);
            }
        }
        pollInTurn(now);
    }

    private boolean silent(TrackedAgent agent, Instant now) {
        if (settings.heartbeatMisses() == 0) {
            return false;
        }
        Duration silence = settings.heartbeat().multipliedBy(settings.heartbeatMisses());
        return agent.lastHeard().filter(heard -> !now.isBefore(heard.plus(silence))).isPresent();
    }

    private void pollInTurn(Instant now) {
        if (settings.pollEvery().isZero() || (nextTurnPoll != null && now.isBefore(nextTurnPoll))) {
            return;
        }
        nextTurnPoll = now.plus(settings.pollEvery());
        List<TrackedAgent> watched = watched();
        if (watched.isEmpty()) {
            return;
        }
        TrackedAgent next = watched.get(Math.floorMod(turn++, watched.size()));
        if (next.pollDeadline().isEmpty()) {
            poll(next, now);
        }
    }

    void poll(TrackedAgent agent, Instant now) {
        int id = ++nextPollId;
        agent.polled(id, now.plus(settings.pollTimeout()));
        core.counters().increment("polls-sent");
        core.send(agent, new Poll(id));
    }

    /** The HAs that were heard and have not failed. */
    private List<TrackedAgent> watched() {
        List<TrackedAgent> watched = new ArrayList<>();
        for (TrackedAgent agent : core.agents()) {
            if (agent.state() != AgentState.UNKNOWN && agent.state() != AgentState.FAILED) {
                watched.add(agent);
            }
        }
        return watched;
    }
}
