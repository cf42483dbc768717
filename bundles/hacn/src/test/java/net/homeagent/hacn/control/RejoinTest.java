package net.homeagent.hacn.control;

import static net.homeagent.hacn.control.Deployment.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import net.homeagent.hacn.wire.HacnMessage.AgentRole;
import net.homeagent.mip.api.Binding;

/** A failed HA heard again (docs/hacn.md, "Rejoin"), with fake HAs running the real agent endpoint. */
class RejoinTest {

    static final int MOBILES = 30;

    final Deployment d = new Deployment();

    /** HA 1 active (priority 30 once it is a redundant HA), HAs 2 (priority 12) and 3 (priority 13) redundant. */
    void start() {
        d.ha(1, false);
        d.ha(2, true);
        d.ha(3, true);
        d.start(specs -> Deployment.settings(specs.stream().map(s -> s.nodeId() == 1
                ? new AgentSpec(1, s.address(), false, 30, 0) : s).toList(), 3, true, Duration.ZERO));
    }

    /** HA 1 serves MOBILES mobiles, dies, and redundant HA 3 takes them over. */
    void haOneTakenOverByThree() {
        start();
        d.registerMobiles(MOBILES, 0);
        d.kill(1);
        d.run(Duration.ofSeconds(4));
        assertThat(d.view(1).successor()).isEqualTo(OptionalInt.of(3));
    }

    @Test
    void aFailedHaHeardAgainClearsItsTableStandsByAndTakesOverTheNextFailure() {
        haOneTakenOverByThree();

        Deployment.Ha one = d.restart(1);
        assertThat(one.store.size()).as("its backup restored its old table").isEqualTo(MOBILES);
        d.run(Duration.ofSeconds(3));

        assertThat(d.view(1).state()).isEqualTo(AgentState.STANDING_BY);
        assertThat(d.view(1).redundant()).isTrue();
        assertThat(d.view(1).successor()).isEmpty();
        assertThat(d.view(1).bindings()).isZero();
        assertThat(one.store.size()).as("no binding of its old mobiles").isZero();
        assertThat(one.endpoint.authority().serving()).isFalse();
        assertThat(one.endpoint.role()).isEqualTo(AgentRole.STANDING_BY);
        assertThat(d.core.counters().get("rejoins")).isEqualTo(1);
        assertThat(d.events).anySatisfy(e -> assertThat(e.details()).containsEntry("role", "hacn-ha-1")
                .containsEntry("from", "failed").containsEntry("to", "rejoining"));
        assertThat(one.published).anySatisfy(e -> assertThat(e.details()).containsEntry("role", "hacn-agent")
                .containsEntry("from", "active").containsEntry("to", "standing-by"));

        d.replies.clear();
        d.registerMobiles(MOBILES, 1000);
        assertThat(one.decided).isEmpty();
        assertThat(d.has.get(3).decided).hasSize(MOBILES);
        assertThat(d.replies).hasSize(MOBILES).allSatisfy(r -> assertThat(r.reply().code()).isZero());

        d.kill(3);
        d.run(Duration.ofSeconds(4));
        assertThat(d.view(3).successor()).as("priority 30 beats 12").isEqualTo(OptionalInt.of(1));
        assertThat(d.view(1).state()).isEqualTo(AgentState.ACTIVE);
        assertThat(d.view(2).state()).isEqualTo(AgentState.STANDING_BY);
        assertThat(one.store.find(ip("10.1.0.7"))).extracting(Binding::careOfAddress).containsExactly(ip("203.0.113.7"));
        assertThat(one.store.size()).isEqualTo(MOBILES);
        assertThat(one.endpoint.authority().serving()).isTrue();
    }

    @Test
    void anOrderToStandByTheLinkGivesUpOnFailsTheHaAgainAndItIsToldAgainWhenHeard() {
        start();
        d.registerMobiles(MOBILES, 0);
        d.kill(1);
        d.run(Duration.ofSeconds(4));
        Deployment.Ha one = d.restart(1);
        d.network.takeDown(one.address); // it heartbeats, but the order does not reach it
        d.run(Duration.ofSeconds(1));
        assertThat(d.view(1).state()).isEqualTo(AgentState.REJOINING);
        d.network.giveUp(one.address);
        d.run(Duration.ofMillis(200));

        assertThat(d.view(1).state()).isEqualTo(AgentState.FAILED);
        assertThat(d.core.counters().get("detections-rejoin")).isEqualTo(1);
        assertThat(one.store.size()).as("nothing cleared without the order").isEqualTo(MOBILES);
        assertThat(d.core.counters().get("requests-no-agent")).isZero();

        d.network.bringUp(one.address);
        d.run(Duration.ofSeconds(3));
        assertThat(d.view(1).state()).isEqualTo(AgentState.STANDING_BY);
        assertThat(one.store.size()).isZero();
        d.replies.clear();
        d.registerMobiles(MOBILES, 1000);
        assertThat(d.has.get(3).decided).as("its home addresses stayed with its successor").hasSize(MOBILES);
        assertThat(d.replies).hasSize(MOBILES);
    }

    @Test
    void anActivatedRedundantHaThatRestartsHoldingItsMbrIsToldToServeItAgain() {
        haOneTakenOverByThree();

        d.kill(3);
        Deployment.Ha three = d.restart(3); // configured redundant: back standing by, with what it served
        assertThat(three.endpoint.authority().serving()).isFalse();
        d.run(Duration.ofSeconds(4));

        assertThat(three.endpoint.authority().serving()).isTrue();
        assertThat(three.endpoint.role()).isEqualTo(AgentRole.ACTIVATED);
        assertThat(three.endpoint.counters().get("serve-held-orders")).isEqualTo(1);
        assertThat(d.core.counters().get("detections-restart")).isZero();
        assertThat(d.core.counters().get("takeovers-completed")).isEqualTo(1); // no second download
        assertThat(d.view(3).state()).isEqualTo(AgentState.ACTIVE);
        assertThat(d.view(3).bindings()).isEqualTo(MOBILES);
        assertThat(d.has.get(2).store.size()).isZero();
        d.replies.clear();
        d.registerMobiles(MOBILES, 1000);
        assertThat(three.decided).hasSize(MOBILES);
        assertThat(d.replies).hasSize(MOBILES);
    }

    @Test
    void anActivatedRedundantHaThatRestartsWithBindingsMissingIsTakenOverAndRejoins() {
        haOneTakenOverByThree();

        d.kill(3);
        Deployment.Ha three = d.restart(3, 1); // its backup lost the last write
        assertThat(three.store.size()).isEqualTo(MOBILES - 1);
        assertThat(three.endpoint.authority().serving()).isFalse();
        d.run(Duration.ofSeconds(4));

        assertThat(d.core.counters().get("detections-restart")).isEqualTo(1);
        assertThat(d.view(3).state()).isEqualTo(AgentState.STANDING_BY);
        assertThat(three.store.size()).isZero();
        assertThat(d.view(2).state()).isEqualTo(AgentState.ACTIVE);
        assertThat(d.has.get(2).store.size()).isEqualTo(MOBILES);
        d.replies.clear();
        d.registerMobiles(MOBILES, 1000);
        assertThat(d.has.get(2).decided).hasSize(MOBILES);
        assertThat(d.replies).hasSize(MOBILES);
    }

    @Test
    void anHaRestartedStandingByWithMobilesNobodyTookOverKeepsThemUntilARedundantHaDoes() {
        d.ha(1, false);
        d.ha(3, true);
        d.start(specs -> Deployment.settings(specs, 3, true, Duration.ZERO));
        d.registerMobiles(MOBILES, 0);
        d.kill(1);
        d.run(Duration.ofSeconds(4));
        d.kill(3);
        Deployment.Ha three = d.restart(3, 1); // a binding short of its MBR: not told to serve
        d.run(Duration.ofSeconds(3));
        assertThat(d.view(3).state()).isEqualTo(AgentState.FAILED);
        assertThat(d.view(3).awaitingTakeover()).isTrue();
        assertThat(three.store.size()).as("not cleared: nobody else holds them").isEqualTo(MOBILES - 1);

        Deployment.Ha one = d.restart(1); // rejoins (HA 3 was its successor), then takes HA 3's mobiles
        d.run(Duration.ofSeconds(6));
        assertThat(d.view(1).state()).isEqualTo(AgentState.ACTIVE);
        assertThat(one.store.size()).isEqualTo(MOBILES);
        assertThat(d.view(3).state()).isEqualTo(AgentState.STANDING_BY);
        assertThat(three.store.size()).isZero();
    }

    @Test
    void aFailedHaNobodyTookOverServesItsMobilesAgain() {
        d.ha(1, false);
        d.ha(2, false);
        d.start(specs -> Deployment.settings(specs, 3, false, Duration.ZERO));
        d.registerMobiles(MOBILES, 0);
        int onOne = d.has.get(1).store.size();
        d.kill(1);
        d.run(Duration.ofSeconds(4));
        assertThat(d.view(1).state()).isEqualTo(AgentState.FAILED);
        assertThat(d.view(1).awaitingTakeover()).isTrue();

        Deployment.Ha one = d.restart(1);
        d.run(Duration.ofSeconds(3));
        assertThat(d.view(1).state()).isEqualTo(AgentState.ACTIVE);
        assertThat(d.view(1).bindings()).as("learned again from its table").isEqualTo(onOne);
        assertThat(one.store.size()).isEqualTo(onOne);
        assertThat(d.core.counters().get("resumes")).isEqualTo(1);

        d.registerMobiles(MOBILES, 1000);
        assertThat(one.decided).hasSize(onOne);
    }

    @Test
    void aFailedHaHeardDuringItsTakeoverWaitsUntilTheTakeoverEnds() {
        start();
        d.registerMobiles(MOBILES, 0);
        d.network.takeDown(d.has.get(3).address); // the download to HA 3 stalls
        d.kill(1);
        d.run(Duration.ofSeconds(4));
        assertThat(d.view(3).state()).isEqualTo(AgentState.RECEIVING);

        Deployment.Ha one = d.restart(1);
        d.run(Duration.ofSeconds(3));
        assertThat(d.view(1).state()).isEqualTo(AgentState.FAILED);
        assertThat(d.core.counters().get("rejoins-deferred")).isPositive();
        assertThat(one.store.size()).as("nothing taken from it while its bindings move").isEqualTo(MOBILES);

        d.network.bringUp(d.has.get(3).address);
        d.run(Duration.ofSeconds(3));
        assertThat(d.view(3).state()).isEqualTo(AgentState.ACTIVE);
        assertThat(d.view(1).state()).isEqualTo(AgentState.STANDING_BY);
        assertThat(one.store.size()).isZero();
        assertThat(d.has.get(3).store.size()).isEqualTo(MOBILES);
    }

    @Test
    void mobilesWaitingForARedundantHaAreTakenOverWhenOneStandsBy() {
        d.ha(1, false);
        d.ha(2, true);
        d.kill(2); // configured, not running
        d.start(specs -> Deployment.settings(specs, 3, true, Duration.ZERO));
        d.registerMobiles(MOBILES, 0);
        d.kill(1);
        d.run(Duration.ofSeconds(4));
        assertThat(d.core.counters().get("takeovers-without-redundant")).isEqualTo(1);
        assertThat(d.view(1).awaitingTakeover()).isTrue();

        d.restart(2);
        d.run(Duration.ofSeconds(3));
        assertThat(d.view(1).successor()).isEqualTo(OptionalInt.of(2));
        assertThat(d.view(1).awaitingTakeover()).isFalse();
        assertThat(d.view(2).state()).isEqualTo(AgentState.ACTIVE);
        assertThat(d.has.get(2).store.size()).isEqualTo(MOBILES);
        assertThat(d.core.counters().get("takeovers-of-waiting")).isEqualTo(1);
    }

    @Test
    void aRejoinedHaRestartedWithItsActiveRoleIsToldToStandByAgain() {
        start();
        d.registerMobiles(MOBILES, 0);
        d.kill(1);
        d.run(Duration.ofSeconds(4));
        d.restart(1);
        d.run(Duration.ofSeconds(3));
        assertThat(d.view(1).state()).isEqualTo(AgentState.STANDING_BY);

        d.kill(1);
        Deployment.Ha again = d.restart(1); // boots active, as configured
        assertThat(again.endpoint.role()).isEqualTo(AgentRole.ACTIVE);
        d.run(Duration.ofSeconds(3));
        assertThat(d.view(1).state()).isEqualTo(AgentState.STANDING_BY);
        assertThat(again.endpoint.role()).isEqualTo(AgentRole.STANDING_BY);
        assertThat(d.core.counters().get("rejoins")).isEqualTo(2);
        assertThat(List.of(d.view(2).state(), d.view(3).state())).containsExactly(AgentState.STANDING_BY,
                AgentState.ACTIVE);
    }
}
