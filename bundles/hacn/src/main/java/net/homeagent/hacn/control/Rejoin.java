package net.homeagent.hacn.control;

import java.util.OptionalInt;

import net.homeagent.hacn.wire.HacnMessage.AgentRole;
import net.homeagent.hacn.wire.HacnMessage.ServeHeld;
import net.homeagent.hacn.wire.HacnMessage.StandBy;

/**
 * How an HA comes back (docs/hacn.md, "Rejoin"). A failed HA heard again whose mobile nodes a
 * redundant HA took over must not serve them too: the control node gives its home addresses to the
 * successor for good, forgets its MBR and tells it to stand by; the HA clears its table and, once
 * its heartbeat says standing by with no binding, it is a redundant HA (with the priority and
 * capacity of its configuration) for the next takeover. The HA of a manual switchover takes the same
 * path once its successor is activated. A failed HA that nobody took over (no redundant HA stood
 * by) serves its mobiles again. Decided on heartbeats and poll answers, which say the HA's role;
 * under the control node's lock.
 */
final class Rejoin {

    private final ControlCore core;
    private final Takeover takeover;

    Rejoin(ControlCore core, Takeover takeover) {
        this.core = core;
        this.takeover = takeover;
    }

    /**
     * {@code agent} said it is {@code role} holding {@code bindings}; {@code restarted}: in the first
     * message of a new link epoch.
     */
    void heard(TrackedAgent agent, AgentRole role, int bindings, boolean restarted) {
        switch (agent.state()) {
            case ACTIVE -> {
                if (restarted && role == AgentRole.STANDING_BY) {
                    // an activated redundant HA that restarted comes back with its configured role:
                    // it holds the bindings its backup restored and serves none of them
                    restartedStandingBy(agent, bindings);
                }
            }
            case FAILED -> failedHeard(agent, role);
            case REJOINING -> {
                if (role == AgentRole.STANDING_BY && bindings == 0) {
                    rejoined(agent);
                } else if (role != AgentRole.STANDING_BY && !agent.standByOrdered()) {
                    // the order was lost with a restart of the HA or of the control node: again
                    order(agent, 0);
                }
            }
            case STANDING_BY -> {
                if (role == AgentRole.ACTIVE) {
                    // restarted with its configured role (active) after it rejoined as redundant here
                    standBy(agent, "heard as an active HA while it is a redundant HA here");
                }
            }
            default -> {
                // its role agrees with its state
            }
        }
    }

    /**
     * Holding what its MBR says it served, it is told to serve it again (no download); holding
     * anything else (a backup that lost writes, or more than the MBR knows), it is taken for failed
     * and its mobiles go to another redundant HA from the MBR.
     */
    private void restartedStandingBy(TrackedAgent agent, int bindings) {
        int expected = agent.mbr().bindings();
        if (bindings != expected) {
            core.fail(agent, "restart", "restarted standing by holding " + bindings + " bindings, its MBR " + expected);
            return;
        }
        core.counters().increment("serve-held-orders");
        core.send(agent, new ServeHeld(bindings)).whenComplete((ok, failure) -> core.locked(() -> {
            if (failure != null && agent.state() == AgentState.ACTIVE) {
                core.fail(agent, "restart", "restarted standing by and did not acknowledge the order to serve its "
                        + bindings + " bindings");
            }
        }));
    }

    private void failedHeard(TrackedAgent agent, AgentRole role) {
        if (takeover.taking(agent)) {
            // its MBR is being downloaded; the next heartbeat after the takeover decides
            core.counters().increment("rejoins-deferred");
            return;
        }
        if (agent.successor().isEmpty() && agent.awaitingTakeover() && role == AgentRole.STANDING_BY) {
            // it restarted standing by holding mobiles no HA took over: they wait, with it, for a
            // redundant HA (clearing it now would lose them)
            core.counters().increment("rejoins-deferred");
            return;
        }
        if (agent.successor().isPresent() || role == AgentRole.STANDING_BY) {
            standBy(agent, "heard again after its mobile nodes went to "
                    + agent.successor().stream().mapToObj(s -> "HA " + s).findFirst().orElse("no HA"));
            return;
        }
        // nobody took its mobile nodes over (no redundant HA stood by): it serves them again
        agent.awaitingTakeover(false);
        core.counters().increment("resumes");
        agent.moveTo(AgentState.ACTIVE, "heard again; no HA took its mobile nodes over, it serves them again");
        core.relearn(agent);
    }

    /**
     * Tells {@code agent} to clear its table and stand by; its home addresses are its successor's
     * from now on (or the policy's, without one).
     */
    void standBy(TrackedAgent agent, String why) {
        OptionalInt successor = agent.successor();
        core.handOver(agent, successor);
        // the successor is forgotten only once it stands by: an order lost makes it failed again,
        // and heard again it must be told again, not resume serving mobiles that are not its own
        agent.awaitingTakeover(false);
        agent.moveTo(AgentState.REJOINING, why);
        order(agent, successor.orElse(0));
    }

    /** Sends the order to stand by; one at a time, until the link acknowledges it. */
    private void order(TrackedAgent agent, int successor) {
        agent.standByOrdered(true);
        core.counters().increment("stand-by-orders");
        core.send(agent, new StandBy(successor)).whenComplete((ok, failure) -> core.locked(() -> {
            agent.standByOrdered(false);
            if (failure != null && agent.state() == AgentState.REJOINING) {
                core.fail(agent, "rejoin", "did not acknowledge the order to stand by");
            }
        }));
    }

    private void rejoined(TrackedAgent agent) {
        agent.forgetSuccessor();
        agent.becameRedundant();
        core.counters().increment("rejoins");
        agent.moveTo(AgentState.STANDING_BY, "rejoined as a redundant HA, priority " + agent.spec().priority()
                + ", capacity " + agent.spec().capacity());
        core.relearn(agent);
    }
}
