package net.homeagent.hacn.control;

import static net.homeagent.hacn.control.Deployment.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.Binding;

/**
 * The standby control node (docs/hacn.md, "Standby control node"): it learns the active one's
 * state, follows its replicas, and when keepalived gives it the public address it resumes with
 * every HA's MBR and successor; the HAs follow it.
 */
class StandbyTest {

    static final int MOBILES = 40;

    final Deployment d = new Deployment();

    private void pairWithThreeHas() {
        d.paired = true;
        d.ha(1, false);
        d.ha(2, false);
        d.ha(3, true);
        d.start(specs -> Deployment.settings(specs, 3, true, Duration.ZERO));
    }

    private int bindings(ControlCore node) {
        return node.view().stream().mapToInt(ControlCore.AgentView::bindings).sum();
    }

    @Test
    void aStandbyLearnsTheWholeStateThenFollowsTheReplicas() {
        pairWithThreeHas();
        d.registerMobiles(MOBILES / 2, 0);
        d.run(Duration.ofSeconds(1));

        d.startStandby();
        assertThat(d.track.get(200)).containsExactly(false, true); // learning, then learned
        assertThat(d.standby.active()).isFalse();
        assertThat(d.standby.pairStatus().orElseThrow()).startsWith("standby (peer control node 100")
                .contains("learned from the active control node 100").contains("holds 3 HAs, " + MOBILES / 2 + " bindings");
        // once unasked when it became active (nobody there yet), once asked
        assertThat(d.core.counters().get("standby-taught")).isEqualTo(2);

        for (int i = MOBILES / 2 + 1; i <= MOBILES; i++) {
            d.register("10.1.0." + i, "203.0.113." + i, i);
        }
        d.register("10.1.0.1", "203.0.113.201", 5000); // a mobile moved: its record replaced on the standby
        d.run(Duration.ofSeconds(1));

        assertThat(d.standby.pairStatus().orElseThrow()).contains("holds 3 HAs, " + MOBILES + " bindings");
        assertThat(d.standby.counters().get("replicas-applied")).isGreaterThanOrEqualTo(MOBILES / 2 + 1);
        assertThat(d.standby.counters().get("requests-received")).isZero();
        assertThat(d.has.values()).allSatisfy(ha -> assertThat(ha.endpoint.controlNode()).isEqualTo(100));
    }

    @Test
    void onMasterTheStandbyResumesTheHasFollowItAndRenewalsAreAccepted() {
        pairWithThreeHas();
        d.startStandby();
        d.registerMobiles(MOBILES, 0);
        d.run(Duration.ofSeconds(1));
        int one = d.view(1).bindings();
        assertThat(one).isPositive().isLessThan(MOBILES);

        d.failOver();

        assertThat(d.core.active()).isTrue();
        assertThat(d.core.counters().get("resumes-as-active")).isEqualTo(1);
        assertThat(d.has.values()).allSatisfy(ha -> assertThat(ha.endpoint.controlNode()).isEqualTo(200));
        d.run(Duration.ofSeconds(5)); // longer than the heartbeat detection: nobody is taken for failed
        assertThat(d.view(1).state()).isEqualTo(AgentState.ACTIVE);
        assertThat(d.view(2).state()).isEqualTo(AgentState.ACTIVE);
        assertThat(d.view(3).state()).isEqualTo(AgentState.STANDING_BY);
        assertThat(d.view(1).bindings()).isEqualTo(one);
        assertThat(bindings(d.core)).isEqualTo(MOBILES);

        d.replies.clear();
        d.registerMobiles(MOBILES, 1000);
        assertThat(d.replies).hasSize(MOBILES).allSatisfy(r -> assertThat(r.reply().code()).isZero());
        assertThat(d.has.get(1).decided.size() + d.has.get(2).decided.size()).isEqualTo(2 * MOBILES);
        assertThat(d.standbyEvents).anySatisfy(e -> assertThat(e.details()).containsEntry("role", "hacn")
                .containsEntry("from", "standby").containsEntry("to", "active"));
    }

    @Test
    void anHaFailureAfterTheSwitchIsDetectedAndTakenOverFromTheResumedMbr() {
        pairWithThreeHas();
        d.startStandby();
        d.registerMobiles(MOBILES, 0);
        d.run(Duration.ofSeconds(1));
        int one = d.view(1).bindings();
        d.failOver();
        d.run(Duration.ofSeconds(2));

        d.kill(1);
        d.run(Duration.ofSeconds(5));

        assertThat(d.view(1).state()).isEqualTo(AgentState.FAILED);
        assertThat(d.view(1).successor()).isEqualTo(OptionalInt.of(3));
        assertThat(d.has.get(3).store.size()).isEqualTo(one);
        d.replies.clear();
        d.registerMobiles(MOBILES, 2000);
        assertThat(d.replies).hasSize(MOBILES).allSatisfy(r -> assertThat(r.reply().code()).isZero());
    }

    @Test
    void anHaThatDiedWithTheActiveControlNodeIsTakenOverFromTheReplicatedMbr() {
        pairWithThreeHas();
        d.startStandby();
        d.registerMobiles(MOBILES, 0);
        d.run(Duration.ofSeconds(1));
        int one = d.view(1).bindings();

        d.kill(1); // the same moment: only the replicas tell the standby what HA 1 held
        d.failOver();
        d.run(Duration.ofSeconds(3));

        assertThat(d.view(1).state()).isEqualTo(AgentState.FAILED);
        assertThat(d.core.counters().get("detections-poll")).isEqualTo(1);
        assertThat(d.view(1).successor()).isEqualTo(OptionalInt.of(3));
        assertThat(d.has.get(3).store.size()).isEqualTo(one);
        for (Binding held : d.has.get(1).store.list(b -> true)) {
            assertThat(d.has.get(3).store.find(held.homeAddress())).singleElement()
                    .satisfies(b -> assertThat(b.careOfAddress()).isEqualTo(held.careOfAddress()));
        }
    }

    @Test
    void anHaNotUpWhenTheControlNodeResumedIsNotTakenForFailedWhenItComes() {
        d.paired = true;
        d.ha(1, false);
        d.ha(3, true);
        d.kill(1); // not booted yet: the resumed control node's poll waits for it
        d.start(specs -> Deployment.settings(specs, 3, true, Duration.ZERO));
        d.run(Duration.ofSeconds(2));
        d.network.giveUp(d.has.get(1).address); // the link gave up on the poll

        d.restart(1);
        d.run(Duration.ofSeconds(3));

        assertThat(d.view(1).state()).isEqualTo(AgentState.ACTIVE);
        assertThat(d.core.counters().get("detections-poll")).isZero();
        assertThat(d.view(3).state()).isEqualTo(AgentState.STANDING_BY);
    }

    @Test
    void aSuccessorRelationSurvivesTheSwitch() {
        pairWithThreeHas();
        d.startStandby();
        d.registerMobiles(MOBILES, 0);
        d.run(Duration.ofSeconds(1));
        d.kill(1);
        d.run(Duration.ofSeconds(5));
        assertThat(d.view(1).successor()).isEqualTo(OptionalInt.of(3));

        int decidedByOne = d.has.get(1).decided.size();
        int takenOver = d.has.get(3).store.size();

        d.failOver();
        d.run(Duration.ofSeconds(1));

        assertThat(d.view(1).state()).isEqualTo(AgentState.FAILED);
        assertThat(d.view(1).successor()).isEqualTo(OptionalInt.of(3));
        assertThat(d.core.counters().get("takeovers-completed")).isZero(); // nothing downloaded again
        d.replies.clear();
        d.registerMobiles(MOBILES, 3000);
        assertThat(d.replies).hasSize(MOBILES).allSatisfy(r -> assertThat(r.reply().code()).isZero());
        assertThat(d.has.get(1).decided).hasSize(decidedByOne);
        assertThat(d.has.get(3).decided).hasSize(takenOver);
    }

    @Test
    void aStandbyThatMissedReplicasIsProbedThenTaughtAgain() {
        pairWithThreeHas();
        d.startStandby();
        d.network.takeDown(Deployment.STANDBY);
        d.registerMobiles(MOBILES, 0);
        d.network.giveUp(Deployment.STANDBY); // the link gave up on the replicas

        d.run(Duration.ofSeconds(1));
        assertThat(d.core.pairStatus().orElseThrow()).contains("the standby missed replicas");
        assertThat(d.core.counters().get("replicas-skipped-standby-behind")).isZero(); // none since: nothing changed
        d.network.giveUp(Deployment.STANDBY);
        d.network.bringUp(Deployment.STANDBY);
        d.run(Duration.ofSeconds(3));

        assertThat(d.core.counters().get("standby-probes")).isPositive();
        assertThat(d.core.counters().get("standby-taught")).isEqualTo(3); // and once more after the probe
        assertThat(d.core.pairStatus().orElseThrow()).contains("replicating");
        assertThat(d.standby.pairStatus().orElseThrow()).contains("holds 3 HAs, " + MOBILES + " bindings");
    }

    private static int bindingsIn(ControlCore.Capture capture) {
        return capture.agents().stream().mapToInt(a -> a.bindings().size()).sum();
    }

    @Test
    void aStandbyCheckpointsWhatItLearnedAndFollows() {
        pairWithThreeHas();
        d.registerMobiles(MOBILES, 0);
        d.run(Duration.ofSeconds(1));
        d.startStandby();

        ControlCore.Capture learned = d.standby.captureSince(-1).orElseThrow();
        assertThat(learned.agents()).extracting(CheckpointFile.Agent::nodeId).containsExactly(1, 2, 3);
        assertThat(bindingsIn(learned)).isEqualTo(MOBILES);

        d.register("10.1.0.200", "203.0.113.200", 9000);
        d.run(Duration.ofSeconds(1));
        assertThat(bindingsIn(d.standby.captureSince(learned.changes()).orElseThrow())).isEqualTo(MOBILES + 1);
    }

    @Test
    void aControlNodeThatIsLearningLeavesItsLastCheckpointAlone() {
        pairWithThreeHas();
        d.registerMobiles(MOBILES, 0);
        d.run(Duration.ofSeconds(1));

        d.core.keepalived(false); // learning from a peer that is not there yet: half a state at most
        assertThat(d.core.captureSince(-1)).isEmpty();

        d.network.giveUp(Deployment.STANDBY); // alone: it keeps its own state, which is checkpointed again
        assertThat(bindingsIn(d.core.captureSince(-1).orElseThrow())).isEqualTo(MOBILES);
    }

    @Test
    void twoControlNodesStartingTogetherKeepTheirOwnStateAndARestartedActiveIsLearnedAgain() {
        pairWithThreeHas();
        d.core.keepalived(false); // the active one loses the address: it asks its peer, which is not there
        d.network.giveUp(Deployment.STANDBY);
        assertThat(d.core.active()).isFalse();
        assertThat(d.core.pairStatus().orElseThrow()).startsWith("standby").contains("alone");
        // learning, alone, active (keepalived), learning again, alone again
        assertThat(d.track.get(100)).containsExactly(false, true, true, false, true);

        d.startStandby(); // the peer answers it is standby too: it keeps its own (empty) state
        assertThat(d.standby.pairStatus().orElseThrow()).startsWith("standby").contains("is standby too");
        assertThat(d.core.counters().get("learn-answers-standby")).isEqualTo(1);
        assertThat(List.of(d.core.active(), d.standby.active())).containsOnly(false);
    }
}
