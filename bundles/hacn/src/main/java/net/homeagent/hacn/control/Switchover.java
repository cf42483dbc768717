package net.homeagent.hacn.control;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A manual switchover ({@code hacn:failover <ha>}, e.g. before maintenance; docs/hacn.md,
 * "Switchover"): the same takeover as after a failure, without losing a binding. The HA stops
 * getting registrations (the mobile nodes retransmit); once the requests it was deciding are
 * answered it is polled, and once the poll is answered and its MBR holds every change it
 * announced, its MBR goes to the best redundant HA; when that one is activated, the HA is told to
 * stand by (it rejoins as a redundant HA). A switched HA that fails meanwhile is taken over as a
 * failed one. Under the control node's lock.
 */
final class Switchover {

    private final ControlCore core;
    private final FailureDetector detector;
    private final Takeover takeover;
    /** HAs switching over whose MBR is not yet downloading, and whether they were polled since their requests ended. */
    private final Map<TrackedAgent, Boolean> draining = new LinkedHashMap<>();

    Switchover(ControlCore core, FailureDetector detector, Takeover takeover) {
        this.core = core;
        this.detector = detector;
        this.takeover = takeover;
    }

    /**
     * @return what happens next, for the operator
     * @throws OperatorRefusal for an HA that is not active, or when no redundant HA stands by
     */
    String start(TrackedAgent agent) {
        if (agent.state() != AgentState.ACTIVE) {
            throw new OperatorRefusal("HA " + agent.nodeId() + " is " + agent.state().text()
                    + ": only an active HA is switched over");
        }
        if (takeover.best(agent.mbr().bindings()).isEmpty()) {
            throw new OperatorRefusal("no redundant HA stands by: HA " + agent.nodeId() + " keeps its "
                    + agent.mbr().bindings() + " bindings");
        }
        draining.put(agent, false);
        core.counters().increment("switchovers-started");
        agent.moveTo(AgentState.SWITCHING_OVER, "operator: hacn:failover");
        return "HA " + agent.nodeId() + " switching over: its " + agent.mbr().bindings() + " bindings go to HA "
                + takeover.best(agent.mbr().bindings()).orElseThrow().nodeId()
                + " (chosen again when its requests are answered), then it stands by; see hacn:agents";
    }

    void tick(Instant now) {
        for (Iterator<Map.Entry<TrackedAgent, Boolean>> it = draining.entrySet().iterator(); it.hasNext();) {
            Map.Entry<TrackedAgent, Boolean> entry = it.next();
            TrackedAgent agent = entry.getKey();
            if (agent.state() != AgentState.SWITCHING_OVER) {
                it.remove(); // failed meanwhile: taken over as a failed HA
            } else if (!entry.getValue()) {
                if (core.inFlightTo(agent) == 0) {
                    // its answer says the last report sequence, which covers every request answered
                    detector.poll(agent, now);
                    entry.setValue(true);
                }
            } else if (agent.pollDeadline().isEmpty() && agent.mbr().complete()) {
                it.remove();
                takeover.start(agent, now);
            }
        }
    }
}
