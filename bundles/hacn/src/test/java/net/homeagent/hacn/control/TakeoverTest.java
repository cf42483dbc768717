package net.homeagent.hacn.control;

import static net.homeagent.hacn.control.Deployment.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import net.homeagent.hacn.wire.HacnMessage.AgentRole;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.ChangeOrigin;
import net.homeagent.mip.api.RemovalReason;

/** The whole path of a takeover with fake HAs running the real agent endpoint (docs/hacn.md, "Takeover"). */
class TakeoverTest {

    static final int MOBILES = 40;

    final Deployment d = new Deployment();

    @Test
    void theBestRedundantHaReceivesTheFailedHasBindingsServesThemAndTakesTheirRenewals() {
        d.ha(1, false);
        d.ha(2, true); // priority 12
        d.ha(3, true); // priority 13: chosen
        d.start(specs -> Deployment.settings(specs, 3, true, Duration.ZERO));
        assertThat(d.view(2).state()).isEqualTo(AgentState.STANDING_BY);
        d.registerMobiles(MOBILES, 0);
        d.run(Duration.ofSeconds(1));
        assertThat(d.view(1).bindings()).isEqualTo(MOBILES);
        d.run(Duration.ofSeconds(60)); // a minute of the bindings' lifetimes goes by

        d.kill(1);
        d.run(Duration.ofSeconds(4));

        assertThat(d.view(1).state()).isEqualTo(AgentState.FAILED);
        assertThat(d.view(1).successor()).isEqualTo(OptionalInt.of(3));
        assertThat(d.view(3).state()).isEqualTo(AgentState.ACTIVE);
        assertThat(d.view(2).state()).isEqualTo(AgentState.STANDING_BY);
        Deployment.Ha three = d.has.get(3);
        assertThat(three.endpoint.authority().serving()).isTrue();
        assertThat(three.endpoint.role()).isEqualTo(AgentRole.ACTIVATED);
        assertThat(d.has.get(2).endpoint.authority().serving()).isFalse();
        assertThat(three.store.size()).isEqualTo(MOBILES);
        Binding taken = three.store.find(ip("10.1.0.7")).get(0);
        assertThat(taken.careOfAddress()).isEqualTo(ip("203.0.113.7"));
        assertThat(taken.homeAgent()).isEqualTo(ip("192.0.2.1"));
        // granted 600 s, about 64 s ago: what is left, not a new lifetime
        assertThat(taken.remainingSeconds(d.clock.instant())).isBetween(530L, 540L);
        assertThat(d.core.counters().get("takeovers-completed")).isEqualTo(1);
        // not reported one home address at a time: the control node filled its MBR at the activation
        assertThat(three.endpoint.counters().get("changes-reported")).isZero();
        assertThat(d.view(3).bindings()).isEqualTo(MOBILES);
        assertThat(d.events).anySatisfy(e -> assertThat(e.details()).containsEntry("role", "hacn-ha-3")
                .containsEntry("from", "receiving").containsEntry("to", "active"));

        d.replies.clear();
        d.registerMobiles(MOBILES, 1000); // renewals through the control node
        d.register("10.1.1.1", "203.0.113.200", 1); // and a mobile never seen: the only active HA left
        assertThat(three.decided).hasSize(MOBILES + 1);
        assertThat(d.has.get(1).decided).hasSize(MOBILES);
        assertThat(d.replies).hasSize(MOBILES + 1).allSatisfy(r -> assertThat(r.reply().code()).isZero());
        d.run(Duration.ofSeconds(1));
        assertThat(d.view(3).bindings()).as("its own reports, downloaded bindings included").isEqualTo(MOBILES + 1);
    }

    @Test
    void aLargeMbrGoesDownAWindowOfChunksAtATimeAndWhollyArrives() {
        d.ha(1, false);
        d.ha(3, true);
        d.start(specs -> Deployment.settings(specs, 3, true, Duration.ZERO));
        int mobiles = 3000; // 112 chunks of 1,200 bytes
        for (int i = 0; i < mobiles; i++) {
            d.register("10.1." + (i / 250) + "." + (i % 250 + 1), "203.0.113." + (i % 250 + 1), i + 1);
        }
        d.run(Duration.ofSeconds(1));
        assertThat(d.view(1).bindings()).isEqualTo(mobiles);

        d.kill(1);
        int mostQueued = 0;
        for (int tick = 0; tick < 100 && d.view(3).state() != AgentState.ACTIVE; tick++) {
            d.clock.advance(Deployment.TICK);
            d.heartbeats();
            d.core.tick(); // the takeover starts on a tick: its first chunks wait in the queue until delivered
            mostQueued = Math.max(mostQueued, d.network.queuedTo(d.has.get(3).address).size());
            d.network.deliverAll();
        }

        assertThat(d.view(3).state()).isEqualTo(AgentState.ACTIVE);
        assertThat(d.core.counters().get("download-chunks-sent")).isGreaterThan((long) Takeover.CHUNKS_IN_FLIGHT); // the window was refilled
        // the window, and at most the poll or stand-by traffic of the same tick beside it
        assertThat(mostQueued).isBetween(Takeover.CHUNKS_IN_FLIGHT, Takeover.CHUNKS_IN_FLIGHT + 2);
        assertThat(d.has.get(3).store.size()).isEqualTo(mobiles);
    }

    @Test
    void aRedundantHaThatDoesNotAcknowledgeTheDownloadFailsAndTheNextOneTakesOver() {
        d.ha(1, false);
        d.ha(2, true);
        d.ha(3, true);
        d.start(specs -> Deployment.settings(specs, 3, true, Duration.ZERO));
        d.registerMobiles(MOBILES, 0);
        d.run(Duration.ofSeconds(1));
        d.network.takeDown(d.has.get(3).address); // it still heartbeats, but takes no message in

        d.kill(1);
        d.run(Duration.ofSeconds(4));
        assertThat(d.view(3).state()).isEqualTo(AgentState.RECEIVING);
        d.network.giveUp(d.has.get(3).address); // the link's give-up bound passes
        d.run(Duration.ofMillis(200));

        assertThat(d.view(3).state()).isEqualTo(AgentState.FAILED);
        assertThat(d.core.counters().get("detections-download")).isEqualTo(1);
        assertThat(d.core.counters().get("takeovers-retried")).isEqualTo(1);
        assertThat(d.view(2).state()).isEqualTo(AgentState.ACTIVE);
        assertThat(d.view(1).successor()).isEqualTo(OptionalInt.of(2));
        assertThat(d.has.get(2).store.size()).isEqualTo(MOBILES);
        assertThat(d.has.get(2).store.find(ip("10.1.0.7"))).extracting(Binding::careOfAddress)
                .containsExactly(ip("203.0.113.7"));
        assertThat(d.has.get(3).store.size()).isZero();
    }

    @Test
    void withoutARedundantHaTheFailedHasMobilesAreNotForwarded() {
        d.ha(1, false);
        d.ha(2, false);
        d.start(specs -> Deployment.settings(specs, 3, false, Duration.ZERO));
        d.registerMobiles(MOBILES, 0);
        d.run(Duration.ofSeconds(1));
        int onOne = d.has.get(1).store.size();
        d.kill(1);
        d.run(Duration.ofSeconds(4));

        assertThat(d.core.counters().get("takeovers-without-redundant")).isEqualTo(1);
        d.replies.clear();
        d.registerMobiles(MOBILES, 1000);
        assertThat(d.core.counters().get("requests-no-agent")).isEqualTo(onOne);
        assertThat(d.replies).hasSize(MOBILES - onOne);
    }

    @Test
    void downloadedBindingsComeInAsDownloadedChanges() {
        d.ha(1, false);
        d.ha(2, true);
        java.util.List<ChangeOrigin> origins = new java.util.ArrayList<>();
        d.has.get(2).store.listen(e -> origins.add(e.origin()));
        d.start(specs -> Deployment.settings(specs, 0, false, Duration.ZERO));
        d.registerMobiles(MOBILES, 0);
        d.run(Duration.ofSeconds(1));
        d.has.get(1).endpoint.interrupt("data-plane: tun gone");
        d.run(Duration.ofMillis(200));
        assertThat(origins).hasSize(MOBILES).containsOnly(ChangeOrigin.DOWNLOADED);
    }

    @Test
    void aHomeAddressTheRedundantHaReportsDuringTheDownloadKeepsTheReportedState() {
        d.ha(1, false);
        d.ha(3, true);
        d.start(specs -> Deployment.settings(specs, 3, true, Duration.ZERO));
        d.registerMobiles(MOBILES, 0);
        d.run(Duration.ofSeconds(1));
        Deployment.Ha three = d.has.get(3);
        var gone = ip("10.1.0.7");
        // the first chunk holding 10.1.0.7 is applied: the rest of the download waits
        three.store.listen(e -> {
            if (e.origin() == ChangeOrigin.DOWNLOADED && e.binding().homeAddress().equals(gone)) {
                d.network.takeDown(three.address);
            }
        });

        d.kill(1);
        d.run(Duration.ofSeconds(4));
        assertThat(d.view(3).state()).isEqualTo(AgentState.RECEIVING);
        assertThat(three.store.find(gone)).hasSize(1);
        three.store.removeAll(gone, RemovalReason.EXPIRED, ChangeOrigin.LOCAL); // its own change: reported
        d.network.bringUp(three.address);
        d.run(Duration.ofSeconds(2));

        assertThat(d.view(3).state()).isEqualTo(AgentState.ACTIVE);
        assertThat(three.endpoint.counters().get("changes-reported")).isEqualTo(1);
        assertThat(three.store.size()).isEqualTo(MOBILES - 1);
        assertThat(d.view(3).bindings()).as("the download's records, but not the one reported since")
                .isEqualTo(MOBILES - 1);
    }
}
