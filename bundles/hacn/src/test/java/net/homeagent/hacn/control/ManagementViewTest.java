package net.homeagent.hacn.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.management.ControlNodeView;
import net.homeagent.mip.api.management.ControlNodeView.Agent;
import net.homeagent.mip.api.management.ControlNodeView.ControlNode;
import net.homeagent.mip.api.management.ControlNodeView.PairRole;

/**
 * The control node as the SNMP agent reads it (HOMEAGENT-HACN-MIB), and the details of the events its
 * notifications come from, with fake HAs running the real agent endpoint.
 */
class ManagementViewTest {

    static final int MOBILES = 40;

    final Deployment d = new Deployment();

    private void threeHas() {
        d.ha(1, false);
        d.ha(2, true); // priority 12
        d.ha(3, true); // priority 13: takes over first
        d.start(specs -> Deployment.settings(specs, 3, true, Duration.ZERO));
    }

    private Agent row(ControlNode node, int nodeId) {
        return node.agents().stream().filter(a -> a.nodeId() == nodeId).findFirst().orElseThrow();
    }

    @Test
    void theHasTableAndTheCountersFollowAFailureAndItsTakeover() {
        threeHas();
        d.registerMobiles(MOBILES, 0);
        d.run(Duration.ofSeconds(1));
        ControlNode before = new ManagementView(d.core).controlNode();
        assertThat(before.agents()).extracting(Agent::nodeId).containsExactly(1, 2, 3);
        Agent one = row(before, 1);
        assertThat(one.state()).isEqualTo(ControlNodeView.AgentState.ACTIVE);
        assertThat(one.redundant()).isFalse();
        assertThat(one.bindings()).isEqualTo(MOBILES);
        assertThat(one.requests()).isEqualTo(MOBILES);
        assertThat(one.heardAgoMillis().orElseThrow()).isBetween(0L, 1000L);
        assertThat(one.loadPercent()).isEmpty(); // no capacity configured
        assertThat(row(before, 3).redundant()).isTrue();
        assertThat(row(before, 3).priority()).isEqualTo(13);
        assertThat(row(before, 3).state()).isEqualTo(ControlNodeView.AgentState.STANDING_BY);
        assertThat(before.counts().requestsForwarded()).isEqualTo(MOBILES);
        assertThat(before.counts().repliesSent()).isEqualTo(MOBILES);
        assertThat(before.pair().role()).isEqualTo(PairRole.ALONE);
        assertThat(before.pair().activeNodeId()).isEmpty();

        d.kill(1);
        d.run(Duration.ofSeconds(4));

        ControlNode after = new ManagementView(d.core).controlNode();
        assertThat(row(after, 1).state()).isEqualTo(ControlNodeView.AgentState.FAILED);
        assertThat(row(after, 1).successor()).isEqualTo(OptionalInt.of(3));
        assertThat(row(after, 1).failures()).isEqualTo(1);
        assertThat(row(after, 3).state()).isEqualTo(ControlNodeView.AgentState.ACTIVE);
        assertThat(after.counts().detectionsHeartbeat() + after.counts().detectionsPoll()).isEqualTo(1);
        assertThat(after.counts().downloads()).isEqualTo(1);
        assertThat(after.counts().takeovers()).isEqualTo(1);
        assertThat(after.counts().bindingsDownloaded()).isEqualTo(MOBILES);

        // the events the notifications come from carry what they need
        ApplianceEvent failure = d.events.stream().filter(e -> e.kind() == ApplianceEvent.Kind.FAILURE).findFirst()
                .orElseThrow();
        assertThat(failure.source()).isEqualTo(ControlNodeView.SOURCE);
        assertThat(failure.details()).containsEntry("ha", "1").containsEntry("bindings", Integer.toString(MOBILES))
                .containsKey("detection");
        assertThat(ControlNodeView.Detection.ofLabel(failure.details().get("detection"))).isPresent();
        assertThat(d.events).anySatisfy(e -> assertThat(e.details()).containsEntry("role", "hacn-ha-3")
                .containsEntry("ha", "3").containsEntry("to", "active").containsEntry("takenFrom", "1")
                .containsEntry("cause", "failure").containsEntry("bindings", Integer.toString(MOBILES)));
    }

    @Test
    void aSwitchoverIsNamedSoInItsTakeoverEventAndCounted() {
        threeHas();
        d.registerMobiles(MOBILES, 0);
        d.run(Duration.ofSeconds(1));

        d.core.failover(1);
        d.run(Duration.ofSeconds(2));

        ControlNode node = new ManagementView(d.core).controlNode();
        assertThat(node.counts().switchovers()).isEqualTo(1);
        assertThat(node.counts().bindingsDownloaded()).isEqualTo(MOBILES);
        assertThat(d.events).anySatisfy(e -> assertThat(e.details()).containsEntry("role", "hacn-ha-3")
                .containsEntry("takenFrom", "1").containsEntry("cause", "switchover"));
    }

    @Test
    void aPairSaysWhichControlNodeIsActiveAndTheStandbyCountsReplicasAndItsLearn() {
        d.paired = true;
        threeHas();
        d.startStandby();
        d.registerMobiles(MOBILES, 0);
        d.run(Duration.ofSeconds(1));

        ControlNode active = new ManagementView(d.core).controlNode();
        ControlNode standby = new ManagementView(d.standby).controlNode();
        assertThat(active.pair().role()).isEqualTo(PairRole.ACTIVE);
        assertThat(active.pair().activeNodeId()).isEqualTo(OptionalInt.of(100));
        assertThat(active.pair().peerNodeId()).isEqualTo(OptionalInt.of(200));
        assertThat(active.pair().replicasSent()).isPositive();
        assertThat(standby.pair().role()).isEqualTo(PairRole.STANDBY);
        assertThat(standby.pair().activeNodeId()).isEqualTo(OptionalInt.of(100));
        assertThat(standby.pair().learns()).isPositive().isEqualTo(d.standby.counters().get("learned"));
        assertThat(standby.pair().replicasReceived()).isEqualTo(active.pair().replicasSent());

        d.failOver();

        ControlNode resumed = new ManagementView(d.core).controlNode();
        assertThat(resumed.pair().role()).isEqualTo(PairRole.ACTIVE);
        assertThat(resumed.pair().activeNodeId()).isEqualTo(OptionalInt.of(200));
        assertThat(resumed.pair().resumes()).isEqualTo(1);
        ApplianceEvent switched = d.standbyEvents.stream().filter(e -> e.source().equals(ControlNodeView.SOURCE)
                && e.kind() == ApplianceEvent.Kind.ROLE_CHANGED).findFirst().orElseThrow();
        assertThat(switched.details()).containsEntry("node", "200").containsEntry("to", "active")
                .containsEntry("bindings", Integer.toString(MOBILES));
    }

    @Test
    void anHaNeverHeardHasNoHeartbeatAgeAndALoadOnlyWithACapacity() {
        d.ha(1, false);
        d.ha(2, true);
        d.kill(1); // never heard
        d.start(specs -> Deployment.settings(specs.stream().map(s -> s.redundant()
                ? new AgentSpec(s.nodeId(), s.address(), true, 5, 200) : s).toList(), 3, true, Duration.ZERO));

        ControlNode node = new ManagementView(d.core).controlNode();
        assertThat(row(node, 1).heardAgoMillis()).isEqualTo(OptionalLong.empty());
        assertThat(row(node, 1).state()).isEqualTo(ControlNodeView.AgentState.UNKNOWN);
        assertThat(row(node, 2).capacity()).isEqualTo(200);
        assertThat(row(node, 2).loadPercent()).isEqualTo(OptionalInt.of(0));
    }
}
