package net.homeagent.hacn.control;

import static net.homeagent.hacn.control.Deployment.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import net.homeagent.hacn.wire.HacnCodec;
import net.homeagent.hacn.wire.HacnMessage.FailingInterrupt;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.codec.ReplyCode;

class ControlCoreTest {

    final Deployment d = new Deployment();

    @Test
    void aRegistrationGoesToAnHaAndItsReplyLeavesFromThePublicAddressToTheOrigin() {
        d.ha(1, false);
        d.start(specs -> Deployment.settings(specs, 3, true, Duration.ZERO));
        d.register("10.1.0.5", "203.0.113.9", 1);

        assertThat(d.replies).singleElement().satisfies(r -> {
            assertThat(r.to()).isEqualTo(new InetSocketAddress(ip("203.0.113.9"), 434));
            assertThat(r.reply().code()).isEqualTo(ReplyCode.ACCEPTED);
            assertThat(r.reply().homeAgent()).as("the HA took the public address as its own").isEqualTo(ip("192.0.2.1"));
        });
        assertThat(d.has.get(1).decided).singleElement()
                .satisfies(r -> assertThat(r.homeAgent()).isEqualTo(ip("192.0.2.1")));
        assertThat(d.core.bindings(1)).extracting(Binding::homeAddress).containsExactly(ip("10.1.0.5"));
        assertThat(d.view(1).state()).isEqualTo(AgentState.ACTIVE);
        assertThat(d.core.counters().get("replies-sent")).isEqualTo(1);
    }

    @Test
    void theHaHoldingTheBindingGetsTheHomeAddressWhateverThePolicySays() {
        d.ha(1, false);
        d.ha(2, false);
        d.start(specs -> Deployment.settings(specs, 3, true, Duration.ZERO));
        for (int i = 1; i <= 20; i++) {
            d.register("10.1.0." + i, "203.0.113.9", i);
        }
        int onOne = d.has.get(1).store.size();
        assertThat(onOne).as("the hash spreads them").isBetween(1, 19);
        // a renewal of each: the same HA, every time
        for (int i = 1; i <= 20; i++) {
            d.register("10.1.0." + i, "203.0.113.10", 100 + i);
        }
        assertThat(d.has.get(1).store.size()).isEqualTo(onOne);
        assertThat(d.has.get(2).store.size()).isEqualTo(20 - onOne);
        assertThat(d.replies).hasSize(40).allSatisfy(r -> assertThat(r.reply().code()).isZero());
        d.run(Duration.ofSeconds(1));
        assertThat(d.view(1).bindings()).isEqualTo(onOne);
        assertThat(d.view(1).reportedBindings()).isEqualTo(onOne);
    }

    @Test
    void anUnansweredRequestTimesOutAndItsLateReplyAndRetransmissionsAreDropped() {
        d.ha(1, false);
        d.start(specs -> Deployment.settings(specs, 0, false, Duration.ZERO));
        d.network.takeDown(d.has.get(1).address);
        d.register("10.1.0.5", "203.0.113.9", 1);
        d.register("10.1.0.5", "203.0.113.9", 1);
        assertThat(d.core.counters().get("requests-retransmitted-in-flight")).isEqualTo(1);
        assertThat(d.core.inFlight()).isEqualTo(1);

        d.run(Duration.ofSeconds(2));
        assertThat(d.core.counters().get("requests-timed-out")).isEqualTo(1);
        assertThat(d.core.inFlight()).isZero();

        d.network.bringUp(d.has.get(1).address);
        d.network.deliverAll();
        assertThat(d.core.counters().get("replies-late")).isEqualTo(1);
        assertThat(d.replies).isEmpty();
    }

    @Test
    void garbageStrangersAndDatagramsThatAreNoRequestAreDroppedAndCounted() {
        d.ha(1, false);
        d.start(specs -> Deployment.settings(specs, 3, true, Duration.ZERO));
        InetSocketAddress origin = new InetSocketAddress(ip("203.0.113.9"), 434);
        d.core.request(new byte[] {1, 2, 3}, origin, Deployment.PUBLIC);
        d.core.request(new byte[0], origin, Deployment.PUBLIC);
        d.core.request(new byte[] {3, 0, 0, 0, 10, 1, 0, 5, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1}, origin,
                Deployment.PUBLIC); // a Registration Reply
        var strangerLink = d.network.node(77, new InetSocketAddress(ip("10.0.0.77"), 7434));
        strangerLink.open(2, m -> { }).send(Deployment.HACN, HacnCodec.encode(new FailingInterrupt("x"), d.clock.instant()));
        d.network.node(1, new InetSocketAddress(ip("10.0.0.99"), 7434)).open(2, m -> { })
                .send(Deployment.HACN, new byte[] {1, 99}); // claims HA 1's id, sends no message of ours
        d.network.deliverAll();

        assertThat(d.core.counters().get("requests-undecodable")).isEqualTo(2);
        assertThat(d.core.counters().get("requests-not-a-request")).isEqualTo(1);
        assertThat(d.core.counters().get("dropped-unknown-node")).isEqualTo(1);
        assertThat(d.core.counters().get("dropped-malformed")).isEqualTo(1);
        assertThat(d.view(1).state()).isEqualTo(AgentState.ACTIVE);
        assertThat(d.replies).isEmpty();
    }

    @Test
    void heartbeatsMissedWithoutPollingAreAFailure() {
        d.ha(1, false);
        d.start(specs -> Deployment.settings(specs, 3, false, Duration.ZERO));
        d.kill(1);
        d.run(Duration.ofMillis(2900));
        assertThat(d.view(1).state()).isEqualTo(AgentState.ACTIVE);
        d.run(Duration.ofMillis(200));
        assertThat(d.view(1).state()).isEqualTo(AgentState.FAILED);
        assertThat(d.view(1).detections()).isEqualTo(1);
        assertThat(d.core.counters().get("detections-heartbeat")).isEqualTo(1);
        assertThat(d.events).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(ApplianceEvent.Kind.FAILURE);
            assertThat(e.details()).containsEntry("ha", "1").containsEntry("detection", "heartbeat");
        });
        assertThat(d.events).anySatisfy(e -> assertThat(e.details()).containsEntry("role", "hacn-ha-1")
                .containsEntry("to", "failed"));
    }

    @Test
    void aSilentHaIsPolledFirstAndComesBackIfItAnswers() {
        d.ha(1, false);
        d.start(specs -> Deployment.settings(specs, 3, true, Duration.ZERO));
        d.dead.add(1); // heartbeats stop, the HA still answers
        d.run(Duration.ofSeconds(3));
        assertThat(d.view(1).state()).isIn(AgentState.SUSPECT, AgentState.ACTIVE);
        assertThat(d.core.counters().get("polls-sent")).isEqualTo(1);
        assertThat(d.core.counters().get("polls-answered")).isEqualTo(1);
        assertThat(d.view(1).state()).isEqualTo(AgentState.ACTIVE);

        d.kill(1);
        d.run(Duration.ofSeconds(4));
        assertThat(d.view(1).state()).isEqualTo(AgentState.FAILED);
        assertThat(d.core.counters().get("detections-poll")).isEqualTo(1);
    }

    @Test
    void pollingEveryHaInTurnFindsADeadOneWithHeartbeatsOff() {
        d.ha(1, false);
        d.ha(2, false);
        d.start(specs -> Deployment.settings(specs, 0, false, Duration.ofMillis(500)));
        d.kill(2);
        d.run(Duration.ofSeconds(3));
        assertThat(d.view(2).state()).isEqualTo(AgentState.FAILED);
        assertThat(d.view(1).state()).isEqualTo(AgentState.ACTIVE);
        assertThat(d.core.counters().get("detections-poll")).isEqualTo(1);
        assertThat(d.core.counters().get("detections-heartbeat")).isZero();
    }

    @Test
    void anHaThatKnowsItIsFailingSaysSo() {
        d.ha(1, false);
        d.start(specs -> Deployment.settings(specs, 0, false, Duration.ZERO));
        d.has.get(1).endpoint.interrupt("stopping");
        d.network.deliverAll();
        assertThat(d.view(1).state()).isEqualTo(AgentState.FAILED);
        assertThat(d.core.counters().get("detections-interrupt")).isEqualTo(1);
        assertThat(d.events).anySatisfy(e -> assertThat(e.details()).containsEntry("reason", "stopping"));
    }

    @Test
    void aLostReportMakesTheControlNodeAskForTheWholeTable() {
        d.ha(1, false);
        d.start(specs -> Deployment.settings(specs, 3, true, Duration.ZERO));
        d.register("10.1.0.5", "203.0.113.9", 1);
        d.has.get(1).store.register(new Binding(ip("10.1.0.6"), ip("203.0.113.9"), ip("192.0.2.1"),
                ip("203.0.113.9"), 434, java.util.Optional.empty(), 600, d.clock.instant(),
                d.clock.instant().plusSeconds(600), 1, 0, net.homeagent.mip.api.Encapsulation.IP_IN_IP, false), false);
        d.network.lose(Deployment.HACN); // the report of 10.1.0.6 never arrives
        d.run(Duration.ofSeconds(4));

        assertThat(d.core.counters().get("snapshot-requests")).isEqualTo(2); // first contact, then the gap
        assertThat(d.core.bindings(1)).extracting(Binding::homeAddress)
                .containsExactly(ip("10.1.0.5"), ip("10.1.0.6"));
        assertThat(d.view(1).sequence()).isEqualTo(2);
    }
}
