package net.homeagent.hacn.control;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A manual switchover ({@code hacn:failover <ha>}, e.g. before maintenance; docs/hacn.md,
 * "Switchover"): the same takeover as after a failure, without losing a binding. The HA stops
 * getting registrations (the mobile nodes retransmit); once the requests it was deciding are
 * answered it is polled, and once the poll is answered and its MBR holds every change it
 * announced, its MBR goes to the best redundant HA; when that one is activated, the HA is told to
 * stand by (it rejoins as a redundant HA). An MBR that is not the HA's whole table within
 * {@code switchoverWait} (a snapshot that does not arrive even asked again) refuses the switchover:
 * downloaded, it would lose bindings; the HA serves on. A switched HA that fails meanwhile is taken
 * over as a failed one. Under the control node's lock.
 */
final class Switchover {

    private static final Logger LOG = LoggerFactory.getLogger(Switchover.class);

    /** An HA switching over whose MBR is not yet downloading. */
    private static final class Preparation {
        final Instant deadline;
        /** What became of it, for the operator's command: the download started, or why it was refused. */
        final CompletableFuture<String> outcome = new CompletableFuture<>();
        /** Whether it was polled since its requests ended. */
        boolean polled;

        Preparation(Instant deadline) {
            this.deadline = deadline;
        }
    }

    private final ControlCore core;
    private final FailureDetector detector;
    private final Takeover takeover;
    private final Map<TrackedAgent, Preparation> draining = new LinkedHashMap<>();

    Switchover(ControlCore core, FailureDetector detector, Takeover takeover) {
        this.core = core;
        this.detector = detector;
        this.takeover = takeover;
    }

    /**
     * @return what happens next, for the operator, and the outcome of the preparation: completed with
     *         what it led to, or exceptionally with an {@link OperatorRefusal} saying why the HA serves on
     * @throws OperatorRefusal for an HA that is not active, or when no redundant HA stands by
     */
    ControlCore.SwitchoverOrder start(TrackedAgent agent, Instant now) {
        if (agent.state() != AgentState.ACTIVE) {
            throw new OperatorRefusal("HA " + agent.nodeId() + " is " + agent.state().text()
                    + ": only an active HA is switched over");
        }
        if (takeover.best(agent.mbr().bindings()).isEmpty()) {
            throw new OperatorRefusal("no redundant HA stands by: HA " + agent.nodeId() + " keeps its "
                    + agent.mbr().bindings() + " bindings");
        }
        Preparation preparation = new Preparation(now.plus(core.settings().switchoverWait()));
        draining.put(agent, preparation);
        core.counters().increment("switchovers-started");
        agent.moveTo(AgentState.SWITCHING_OVER, "operator: hacn:failover");
        return new ControlCore.SwitchoverOrder("HA " + agent.nodeId() + " switching over: its " + agent.mbr().bindings()
                + " bindings go to HA " + takeover.best(agent.mbr().bindings()).orElseThrow().nodeId()
                + " (chosen again when its requests are answered), then it stands by; see hacn:agents",
                preparation.outcome);
    }

    void tick(Instant now) {
        for (Iterator<Map.Entry<TrackedAgent, Preparation>> it = draining.entrySet().iterator(); it.hasNext();) {
            Map.Entry<TrackedAgent, Preparation> entry = it.next();
            TrackedAgent agent = entry.getKey();
            Preparation preparation = entry.getValue();
            if (agent.state() != AgentState.SWITCHING_OVER) {
                it.remove(); // failed meanwhile: taken over as a failed HA
                preparation.outcome.complete("HA " + agent.nodeId() + " is " + agent.state().text()
                        + " now: taken over as a failed HA; see hacn:agents");
            } else if (!preparation.polled) {
                if (core.inFlightTo(agent) == 0) {
                    // its answer says the last report sequence, which covers every request answered
                    detector.poll(agent, now);
                    preparation.polled = true;
                } else if (!now.isBefore(preparation.deadline)) {
                    it.remove();
                    refuse(agent, preparation, core.inFlightTo(agent) + " requests it was deciding are unanswered");
                }
            } else if (agent.pollDeadline().isEmpty() && agent.mbr().complete()) {
                it.remove();
                int bindings = agent.mbr().bindings();
                takeover.start(agent, now);
                if (agent.state() == AgentState.SWITCHING_OVER) {
                    preparation.outcome.complete("HA " + agent.nodeId() + "'s MBR is its whole table: its " + bindings
                            + " bindings are downloading to a redundant HA; see hacn:agents");
                } else {
                    preparation.outcome.completeExceptionally(new OperatorRefusal("HA " + agent.nodeId()
                            + " not switched over: no redundant HA stands by any more; it serves on"));
                }
            } else if (!now.isBefore(preparation.deadline)) {
                it.remove();
                refuse(agent, preparation, agent.mbr().whyIncomplete().map(why -> "its MBR is not its whole table: "
                        + why).orElse("its poll is unanswered"));
            }
        }
    }

    /**
     * Not ready within {@code switchoverWait}: its MBR downloaded now would lose the bindings it
     * lacks, so the HA serves on (as an abandoned switchover) and the operator is told why.
     */
    private void refuse(TrackedAgent agent, Preparation preparation, String why) {
        String text = "HA " + agent.nodeId() + " not switched over: after " + core.settings().switchoverWait().toMillis()
                + " ms " + why + "; it serves on";
        core.counters().increment("switchovers-refused");
        LOG.warn("{} (docs/hacn.md, \"Switchover\")", text);
        agent.moveTo(AgentState.ACTIVE, "switchover refused: " + why);
        preparation.outcome.completeExceptionally(new OperatorRefusal(text));
    }
}
