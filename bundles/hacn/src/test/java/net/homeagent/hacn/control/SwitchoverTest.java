package net.homeagent.hacn.control;

import static net.homeagent.hacn.control.Deployment.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

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

        assertThat(d.core.failover(1).started()).startsWith("HA 1 switching over: its 31 bindings go to HA 2");
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

    /** HA 1 with {@link #MOBILES} bindings restarts and the chunks of the snapshot asked of it are lost. */
    void mbrOfHaOneIncomplete() {
        d.ha(1, false);
        d.ha(2, true);
        d.start(specs -> Deployment.settings(specs, 3, true, Duration.ZERO));
        d.registerMobiles(MOBILES, 0);
        d.run(Duration.ofSeconds(1));
        d.network.loseWhere(SnapshotReaskTest::chunk);
        d.restart(1).endpoint.heartbeat();
        d.network.deliverAll();
        d.run(Duration.ofSeconds(1));
        assertThat(d.core.agents()).filteredOn(a -> a.nodeId() == 1).singleElement()
                .satisfies(a -> assertThat(a.mbr().complete()).isFalse());
    }

    @Test
    void aSwitchoverOfAnHaWhoseSnapshotNeverArrivesIsRefusedAfterTheBoundAndTheHaServesOn() {
        mbrOfHaOneIncomplete();
        ControlCore.SwitchoverOrder order = d.core.failover(1);
        CompletableFuture<String> prepared = order.prepared().toCompletableFuture();
        d.run(Deployment.SWITCHOVER_WAIT.minus(Deployment.TICK));
        assertThat(prepared).as("waits for the snapshot asked again").isNotDone();
        assertThat(d.view(1).state()).isEqualTo(AgentState.SWITCHING_OVER);
        assertThat(d.core.counters().get("snapshot-reasks")).isEqualTo(2); // 10 s, then 20 s later
        d.run(Deployment.TICK);

        assertThat(prepared).isCompletedExceptionally();
        assertThat(prepared.handle((ok, failure) -> failure).join()).isInstanceOf(OperatorRefusal.class).hasMessageStartingWith(
                "HA 1 not switched over: after 30000 ms its MBR is not its whole table: its snapshot (transfer ")
                .hasMessageEndingWith("has 0 chunks, asked again 2 times; it serves on");
        assertThat(d.view(1).state()).isEqualTo(AgentState.ACTIVE);
        assertThat(d.view(2).state()).isEqualTo(AgentState.STANDING_BY);
        assertThat(d.core.takeoversRunning()).isZero();
        assertThat(d.has.get(2).store.size()).isZero();
        assertThat(d.has.get(1).store.size()).isEqualTo(MOBILES);
        assertThat(d.core.counters().get("switchovers-refused")).isEqualTo(1);
        assertThat(d.core.counters().get("takeovers-started")).isZero();
        d.replies.clear();
        d.registerMobiles(MOBILES, 1000);
        assertThat(d.replies).as("HA 1 takes its registrations again").hasSize(MOBILES);
    }

    @Test
    void aSwitchoverWaitsForTheSnapshotAskedAgainAndThenMovesEveryBinding() {
        mbrOfHaOneIncomplete();
        ControlCore.SwitchoverOrder order = d.core.failover(1);
        d.run(Duration.ofSeconds(5));
        assertThat(order.prepared().toCompletableFuture()).isNotDone();
        d.network.loseWhere(payload -> false);
        d.run(Duration.ofSeconds(10)); // asked again 10 s after the first request

        assertThat(order.prepared().toCompletableFuture()).isCompletedWithValue(
                "HA 1's MBR is its whole table: its 30 bindings are downloading to a redundant HA; see hacn:agents");
        d.run(Duration.ofSeconds(3));
        assertThat(d.core.counters().get("snapshot-reasks")).isEqualTo(1);
        assertThat(d.view(2).state()).isEqualTo(AgentState.ACTIVE);
        assertThat(d.view(1).state()).isEqualTo(AgentState.STANDING_BY);
        assertThat(d.has.get(2).store.size()).isEqualTo(MOBILES);
    }
}
