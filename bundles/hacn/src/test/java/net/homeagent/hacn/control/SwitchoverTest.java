package net.homeagent.hacn.control;

import static net.homeagent.hacn.control.Deployment.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.Binding;

/** The operator's manual switchover, hacn:failover (docs/hacn.md, "Switchover"). */
class SwitchoverTest {

    static final int MOBILES = 30;

    final Deployment d = new Deployment();

    @Test
    void everyBindingGoesToTheRedundantHaEvenOneDecidedDuringTheSwitchAndTheHaStandsBy() {
        d.ha(1, false);
        d.ha(2, true);
        d.start(specs -> Deployment.settings(specs, 3, true, Duration.ZERO));
        d.registerMobiles(MOBILES, 0);
        d.run(Duration.ofSeconds(30));
        Deployment.Ha one = d.has.get(1);
        one.store.holdSyncs(); // the next decision's reply waits for its durable write
        d.register("10.1.0.99", "203.0.113.99", 1);
        assertThat(d.core.inFlight()).isEqualTo(1);

        assertThat(d.core.failover(1)).startsWith("HA 1 switching over: its 31 bindings go to HA 2");
        assertThat(d.view(1).state()).isEqualTo(AgentState.SWITCHING_OVER);
        d.register("10.1.0.5", "203.0.113.50", 500); // held: the mobile node retransmits later
        assertThat(d.core.counters().get("requests-held-switching-over")).isEqualTo(1);
        d.run(Duration.ofSeconds(1));
        assertThat(d.core.takeoversRunning()).as("waits for the request HA 1 is deciding").isZero();

        one.store.completeSyncs();
        d.network.deliverAll();
        d.run(Duration.ofSeconds(3));

        assertThat(d.view(2).state()).isEqualTo(AgentState.ACTIVE);
        assertThat(d.view(1).state()).isEqualTo(AgentState.STANDING_BY);
        assertThat(d.view(1).redundant()).isTrue();
        assertThat(one.store.size()).isZero();
        assertThat(one.endpoint.authority().serving()).isFalse();
        Deployment.Ha two = d.has.get(2);
        assertThat(two.store.size()).isEqualTo(MOBILES + 1);
        assertThat(two.store.find(ip("10.1.0.99"))).extracting(Binding::careOfAddress)
                .containsExactly(ip("203.0.113.99"));
        assertThat(two.store.find(ip("10.1.0.7")).get(0).remainingSeconds(d.clock.instant())).isBetween(555L, 570L);
        assertThat(d.core.counters().get("switchovers-completed")).isEqualTo(1);
        assertThat(d.core.counters().get("detections-poll") + d.core.counters().get("detections-heartbeat")).isZero();

        d.replies.clear();
        d.registerMobiles(MOBILES, 1000);
        assertThat(two.decided).hasSize(MOBILES);
        assertThat(d.replies).hasSize(MOBILES).allSatisfy(r -> assertThat(r.reply().code()).isZero());
    }

    @Test
    void aSwitchoverWhoseRedundantHaDiesIsAbandonedAndTheHaServesOn() {
        d.ha(1, false);
        d.ha(2, true);
        d.start(specs -> Deployment.settings(specs, 3, true, Duration.ZERO));
        d.registerMobiles(MOBILES, 0);
        d.network.takeDown(d.has.get(2).address);
        d.core.failover(1);
        d.run(Duration.ofSeconds(1));
        assertThat(d.view(2).state()).isEqualTo(AgentState.RECEIVING);
        d.network.giveUp(d.has.get(2).address);
        d.run(Duration.ofMillis(200));

        assertThat(d.view(2).state()).isEqualTo(AgentState.FAILED);
        assertThat(d.view(1).state()).isEqualTo(AgentState.ACTIVE);
        assertThat(d.view(1).successor()).isEqualTo(OptionalInt.empty());
        assertThat(d.core.counters().get("switchovers-abandoned")).isEqualTo(1);
        assertThat(d.has.get(1).store.size()).isEqualTo(MOBILES);
        d.replies.clear();
        d.registerMobiles(MOBILES, 1000);
        assertThat(d.replies).hasSize(MOBILES);
    }
}
