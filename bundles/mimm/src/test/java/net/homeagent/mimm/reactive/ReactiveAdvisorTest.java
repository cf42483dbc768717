package net.homeagent.mimm.reactive;

import static net.homeagent.mimm.Fixtures.binding;
import static net.homeagent.mimm.Fixtures.ip;
import static net.homeagent.mimm.reactive.ReactiveFixture.alertTrap;
import static net.homeagent.mimm.reactive.ReactiveFixture.fromMobile;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.ChangeOrigin;
import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.codec.mimm.AlertReason;
import net.homeagent.mip.codec.mimm.ReactiveMessage;
import net.homeagent.mip.codec.mimm.TimestampIdentifications;

class ReactiveAdvisorTest {

    private static final Deliveries ALL = new Deliveries(true, true, true);

    private static ReactiveFixture threeMobiles(Deliveries deliveries) {
        // two in network 1 (10.1/16), one in network 2; 10.3.9.0/24 is network 4 inside network 3
        return new ReactiveFixture(deliveries, 100, 10)
                .mobile("10.0.0.1", "10.1.0.1").mobile("10.0.0.2", "10.1.0.2").mobile("10.0.0.3", "10.2.0.3");
    }

    @Test
    void anAlertReachesEveryMobileOfItsNetworkAndNoOther() {
        ReactiveFixture f = threeMobiles(ALL);
        f.advisor.alertPublished(alertTrap("wlan-a", 2, 120, 2));
        assertThat(f.advisor.tick()).isEqualTo(2);
        assertThat(f.sent).extracting(ReactiveFixture.Sent::home).containsExactlyInAnyOrder(ip("10.0.0.1"), ip("10.0.0.2"));
        ReactiveMessage.Advice advice = (ReactiveMessage.Advice) f.sent.get(0).message();
        assertThat(advice.network()).isEqualTo(1);
        assertThat(advice.reason()).isEqualTo(AlertReason.OUTAGE);
        assertThat(advice.expirySeconds()).isEqualTo(120);
        assertThat(advice.alternative()).isEqualTo(OptionalInt.of(2));
        assertThat(advice.pulled()).isFalse();
        assertThat(TimestampIdentifications.near(advice.identification(), f.clock.instant(), 0)).isTrue();
        assertThat(f.advisor.alerts()).singleElement().satisfies(a -> {
            assertThat(a.networks()).containsExactly(1);
            assertThat(a.until()).contains(f.clock.instant().plusSeconds(120));
        });
    }

    @Test
    void aMobileArrivingInAnAlertedNetworkIsToldAtOnceOthersAreNot() {
        ReactiveFixture f = threeMobiles(ALL);
        f.store.listen(event -> {
            if (ReactiveAdvisor.isArrival(event) && f.advisor.watchingArrivals()) {
                f.advisor.arrived(event.binding());
            }
        });
        assertThat(f.advisor.watchingArrivals()).as("no alert: arrivals cost nothing").isFalse();
        f.advisor.alertPublished(alertTrap("wlan-a", 2, 120, 2));
        assertThat(f.advisor.watchingArrivals()).isTrue();
        assertThat(f.advisor.tick()).isEqualTo(2);

        // 10.0.0.3 moves from network 2 into network 1: queued at once, paced like the rest
        f.store.register(binding("10.0.0.3", "10.1.0.3"), false);
        assertThat(f.counters.get(ReactiveCount.ADVICE_ON_ARRIVAL)).isEqualTo(1);
        assertThat(f.advisor.tick()).isEqualTo(1);
        assertThat(f.sent.get(2).home()).isEqualTo(ip("10.0.0.3"));
        assertThat(((ReactiveMessage.Advice) f.sent.get(2).message()).network()).isEqualTo(1);

        // a renewal is no arrival; a newcomer to a network without alert hears nothing
        f.store.register(binding("10.0.0.3", "10.1.0.3"), false);
        f.mobile("10.0.0.4", "10.2.0.4");
        assertThat(f.counters.get(ReactiveCount.ADVICE_ON_ARRIVAL)).isEqualTo(1);
        assertThat(f.advisor.tick()).isZero();

        // one without an association is counted, not advised
        f.store.register(binding("10.0.0.9", "10.1.0.9"), false);
        assertThat(f.counters.get(ReactiveCount.NO_SECURITY_ASSOCIATION)).isEqualTo(1);
        assertThat(f.advisor.tick()).isZero();
    }

    @Test
    void arrivalsAreLeftToTheNodeThatTookTheRegistrationAndToTheEventDelivery() {
        ReactiveFixture f = new ReactiveFixture(new Deliveries(false, true, true), 100, 10);
        f.advisor.alertPublished(alertTrap("wlan-a", 2, 120, 0));
        f.mobile("10.0.0.1", "10.1.0.1");
        f.advisor.arrived(binding("10.0.0.1", "10.1.0.1"));
        assertThat(f.advisor.tick()).isZero();
        assertThat(ReactiveAdvisor.isArrival(BindingEvent.added(
                binding("10.0.0.1", "10.1.0.1"), ChangeOrigin.REPLICATED)))
                .isFalse();
        assertThat(ReactiveAdvisor.isArrival(BindingEvent.added(
                binding("10.0.0.1", "10.1.0.1")))).isTrue();
    }

    @Test
    void eachAlertsRaiseExpiryAndClearingIsAnEvent() {
        ReactiveFixture f = threeMobiles(ALL);
        f.advisor.alertPublished(alertTrap("wlan-a", 2, 45, 2));
        f.advisor.alertPublished(alertTrap("cell-b", 1, -1, 0));
        f.advance(Duration.ofSeconds(50));
        f.advisor.periodic();
        f.advisor.clear(2);
        f.advisor.alertPublished(alertTrap("nowhere", 1, 10, 0)); // refused: no event
        assertThat(f.published).extracting(ApplianceEvent::kind).containsOnly(ApplianceEvent.Kind.MIMM_ALERT);
        assertThat(f.published).extracting(e -> e.details().get("alert") + " " + e.details().get("state"))
                .containsExactly("1 raised", "2 raised", "1 expired", "2 cleared");
        assertThat(f.published.get(0).details()).containsEntry("networks", "1").containsEntry("reason", "outage")
                .containsEntry("expiry", "45").containsEntry("subject", "wlan-a").containsEntry("alternative", "2");
    }

    @Test
    void anAuthenticAckEndsTheRetransmissionsAForgedOneDoesNot() {
        ReactiveFixture f = threeMobiles(ALL);
        f.advisor.alertPublished(alertTrap("2", 1, -1, 0));
        f.advisor.tick();
        ReactiveMessage.Advice advice = (ReactiveMessage.Advice) f.sent.get(0).message();
        assertThat(advice.expirySeconds()).isEqualTo(ReactiveMessage.Advice.REST_OF_SESSION);
        byte[] wrongKey = ReactiveFixture.KEY.clone();
        wrongKey[3] ^= 1;
        f.receive(fromMobile(new ReactiveMessage.Ack(advice.homeAddress(), advice.identification()), wrongKey));
        assertThat(f.counters.get(ReactiveCount.INBOUND_NOT_AUTHENTIC)).isEqualTo(1);
        f.advance(Duration.ofSeconds(1));
        f.advisor.tick();
        assertThat(f.sent).hasSize(2);
        assertThat(f.sent.get(1).datagram()).isEqualTo(f.sent.get(0).datagram()); // the same datagram, same identification
        f.receive(fromMobile(new ReactiveMessage.Ack(advice.homeAddress(), advice.identification()),
                ReactiveFixture.KEY));
        assertThat(f.counters.get(ReactiveCount.ADVICE_ACKED)).isEqualTo(1);
        f.advance(Duration.ofSeconds(10));
        f.advisor.tick();
        assertThat(f.sent).hasSize(2);
        assertThat(f.advisor.unacknowledged()).isZero();
    }

    @Test
    void aPullIsAnsweredWithTheAlertOfTheMobilesNetworkAndAReplayIsRefused() {
        ReactiveFixture f = threeMobiles(ALL);
        f.advisor.alertPublished(alertTrap("cell-b", 3, 600, 0));
        long first = TimestampIdentifications.of(f.clock.instant());
        byte[] pull = fromMobile(new ReactiveMessage.Pull(ip("10.0.0.3"), first), ReactiveFixture.KEY);
        f.receive(pull);
        ReactiveMessage answer = f.sent.get(0).message();
        assertThat(answer).isEqualTo(new ReactiveMessage.Advice(ip("10.0.0.3"), first, 2, AlertReason.MAINTENANCE, 600,
                OptionalInt.empty(), true));
        f.receive(pull);
        assertThat(f.counters.get(ReactiveCount.PULLS_REPLAYED)).isEqualTo(1);
        f.receive(fromMobile(new ReactiveMessage.Pull(ip("10.0.0.1"), first + 1), ReactiveFixture.KEY));
        assertThat(f.sent.get(1).message()).isEqualTo(new ReactiveMessage.NothingToAdvise(ip("10.0.0.1"), first + 1));
        long stale = TimestampIdentifications.of(f.clock.instant().minusSeconds(8));
        f.receive(fromMobile(new ReactiveMessage.Pull(ip("10.0.0.1"), stale), ReactiveFixture.KEY));
        assertThat(f.counters.get(ReactiveCount.PULLS_REPLAYED)).isEqualTo(2);
        assertThat(f.sent).hasSize(2);
    }

    @Test
    void pullsAreRefusedWhenTheDeliveryIsNotConfigured() {
        ReactiveFixture f = threeMobiles(new Deliveries(true, false, false));
        f.receive(fromMobile(new ReactiveMessage.Pull(ip("10.0.0.3"),
                TimestampIdentifications.of(f.clock.instant())), ReactiveFixture.KEY));
        assertThat(f.sent).isEmpty();
        assertThat(f.counters.get(ReactiveCount.PULLS_DISABLED)).isEqualTo(1);
    }

    @Test
    void thePeriodicPushTellsAgainWhileTheAlertHoldsThenItExpires() {
        ReactiveFixture f = threeMobiles(new Deliveries(false, true, false));
        f.advisor.alertPublished(alertTrap("wlan-a", 1, 45, 0));
        assertThat(f.advisor.tick()).isZero(); // no event push
        f.advance(Duration.ofSeconds(30));
        f.advisor.periodic();
        assertThat(f.advisor.tick()).isEqualTo(2);
        assertThat(((ReactiveMessage.Advice) f.sent.get(0).message()).expirySeconds()).isEqualTo(15); // what is left
        f.advance(Duration.ofSeconds(30));
        f.advisor.periodic();
        assertThat(f.advisor.alerts()).isEmpty();
        assertThat(f.counters.get(ReactiveCount.ALERTS_EXPIRED)).isEqualTo(1);
    }

    @Test
    void thePeriodicPushRemindsOnlyTheMobilesThatHaveNotAcknowledged() {
        ReactiveFixture f = threeMobiles(ALL);
        f.advisor.alertPublished(alertTrap("wlan-a", 2, -1, 0));
        assertThat(f.advisor.tick()).isEqualTo(2);
        ReactiveMessage.Advice toFirst = f.sent.stream().filter(s -> s.home().equals(ip("10.0.0.1")))
                .map(s -> (ReactiveMessage.Advice) s.message()).findFirst().orElseThrow();
        f.receive(fromMobile(new ReactiveMessage.Ack(toFirst.homeAddress(), toFirst.identification()), ReactiveFixture.KEY));
        f.sent.clear();
        // 10.0.0.1 acknowledged: not reminded; 10.0.0.2's advice is still outstanding: coalesced
        f.advisor.periodic();
        assertThat(f.advisor.tick()).isZero();
        assertThat(f.counters.get(ReactiveCount.REMINDER_NOT_NEEDED)).isEqualTo(1);
        assertThat(f.counters.get(ReactiveCount.ADVICE_COALESCED)).isEqualTo(1);
        // 10.0.0.2 never acknowledges: 3 sends (0, 1, 3 s), given up at 7 s, then reminded with a new advice
        for (int second = 1; second <= 7; second++) {
            f.advance(Duration.ofSeconds(1));
            f.advisor.tick();
        }
        assertThat(f.counters.get(ReactiveCount.ADVICE_GAVE_UP)).isEqualTo(1);
        f.sent.clear();
        f.advisor.periodic();
        assertThat(f.advisor.tick()).isEqualTo(1);
        assertThat(f.sent).extracting(ReactiveFixture.Sent::home).containsExactly(ip("10.0.0.2"));
        assertThat(f.counters.get(ReactiveCount.REMINDER_NOT_NEEDED)).isEqualTo(2);
        // an arrival is told again even if it acknowledged before (it came back despite the advice)
        f.advisor.arrived(binding("10.0.0.1", "10.1.0.9"));
        assertThat(f.advisor.tick()).isEqualTo(1);
        // the alert cleared (its acknowledgements forgotten), a new one is new advice for both
        f.advisor.clear(1);
        f.sent.clear();
        f.advisor.alertPublished(alertTrap("wlan-a", 1, -1, 0));
        assertThat(f.advisor.tick()).isEqualTo(2);
    }

    @Test
    void aClearedAlertsQueuedAdviceIsNotSent() {
        ReactiveFixture f = threeMobiles(ALL);
        f.advisor.alertPublished(alertTrap("wlan-a", 1, -1, 0));
        assertThat(f.advisor.clear(1)).isPresent();
        assertThat(f.advisor.clear(1)).isEmpty();
        assertThat(f.advisor.tick()).isZero();
        assertThat(f.counters.get(ReactiveCount.ADVICE_ALERT_GONE)).isEqualTo(2);
    }

    @Test
    void badAlertsAreCountedByProblemAndRaiseNothing() {
        ReactiveFixture f = threeMobiles(ALL);
        f.advisor.alertPublished(alertTrap("nowhere", 1, 10, 0));
        f.advisor.alertPublished(alertTrap("1", 9, 10, 0));
        f.advisor.alertPublished(alertTrap("1", 1, 0, 0));
        f.advisor.alertPublished(alertTrap("1", 1, 10, 1));
        f.advisor.alertPublished(alertTrap("1", 1, 10, 99));
        f.advisor.alertPublished(alertTrap("1", 1, 12345678901L, 0));
        f.advisor.alertPublished(ReactiveFixture.trap(Map.of(AlertReader.SUBJECT, "1")));
        f.advisor.alertPublished(ReactiveFixture.trap(Map.of("trap", "1.3.6.1.6.3.1.1.5.3")));
        assertThat(f.advisor.alerts()).isEmpty();
        assertThat(f.counters.get(ReactiveCount.ALERTS_BAD)).isEqualTo(7);
        assertThat(f.counters.get(ReactiveCount.TRAPS_NOT_OURS)).isEqualTo(1);
        assertThat(f.counters.snapshot()).containsEntry("alert subject unknown", 1L).containsEntry("alert reason", 1L)
                .containsEntry("alert expiry", 2L).containsEntry("alert alternative", 2L)
                .containsEntry("alert value missing", 1L);
    }

    @Test
    void configuredSubjectsAndEventsFromOtherSourcesMapToNetworks() {
        ReactiveFixture f = new ReactiveFixture(ALL, 100, 10, "ap-17=1/2")
                .mobile("10.0.0.1", "10.1.0.1").mobile("10.0.0.3", "10.2.0.3").mobile("10.0.0.4", "10.3.0.4");
        f.advisor.alertPublished(net.homeagent.mip.api.events.ApplianceEvent.of(
                net.homeagent.mip.api.events.ApplianceEvent.Kind.NETWORK_ALERT, f.clock.instant(), "camel",
                "alert", Map.of("subject", "ap-17", "reason", "congestion", "expiry", "60", "alternative", "3")));
        f.advisor.tick();
        assertThat(f.sent).extracting(s -> ((ReactiveMessage.Advice) s.message()).network()).containsExactlyInAnyOrder(1, 2);
        assertThat(f.advisor.alerts().get(0).source()).isEqualTo("camel");
    }

    @Test
    void aCheckReadsLikeThePublishedAlertButRaisesAndCountsNothing() {
        ReactiveFixture f = threeMobiles(ALL);
        ApplianceEvent good = ApplianceEvent.of(ApplianceEvent.Kind.NETWORK_ALERT, f.clock.instant(), "http-alerts",
                "alert", Map.of("subject", "1", "reason", "outage", "expiry", "-1", "alternative", "2"));
        assertThat(f.advisor.check(good).accepted()).isTrue();
        assertThat(f.advisor.check(good).text()).isEqualTo(
                "alert for '1': networks [1], reason OUTAGE, expiry -1 (rest of the session), alternative 2");
        assertThat(f.advisor.check(alertTrap("nowhere", 1, 10, 0)))
                .satisfies(v -> assertThat(v.accepted()).isFalse())
                .satisfies(v -> assertThat(v.text()).startsWith("alert subject unknown: 'nowhere'"));
        assertThat(f.advisor.check(alertTrap("1", 1, 0, 0)).text()).startsWith("alert expiry: 0");
        assertThat(f.advisor.check(ReactiveFixture.trap(Map.of("trap", "1.3.6.1.6.3.1.1.5.3"))).text())
                .isEqualTo("not a mimmAlert: trap 1.3.6.1.6.3.1.1.5.3");
        assertThat(f.advisor.alerts()).isEmpty();
        assertThat(f.counters.get(ReactiveCount.ALERTS_BAD)).isZero();
        assertThat(f.counters.get(ReactiveCount.ALERTS_RAISED)).isZero();
        f.advisor.alertPublished(good);
        assertThat(f.advisor.alerts()).hasSize(1);
    }

    @Test
    void malformedAndMisdirectedDatagramsAreCounted() {
        ReactiveFixture f = threeMobiles(ALL);
        f.advisor.received(new byte[5], reply -> f.sent.add(null));
        f.receive(fromMobile(new ReactiveMessage.NothingToAdvise(ip("10.0.0.1"), 1), ReactiveFixture.KEY));
        f.receive(fromMobile(new ReactiveMessage.Ack(ip("10.9.9.9"), 1), ReactiveFixture.KEY));
        assertThat(f.counters.get(ReactiveCount.INBOUND_MALFORMED)).isEqualTo(2);
        assertThat(f.counters.get(ReactiveCount.INBOUND_NOT_AUTHENTIC)).isEqualTo(1);
        assertThat(f.sent).isEmpty();
    }

    @Test
    void aMobileWithoutAnAssociationIsCountedNotAdvised() {
        ReactiveFixture f = threeMobiles(ALL);
        f.store.register(net.homeagent.mimm.Fixtures.binding("10.0.0.9", "10.1.0.9"), false);
        f.advisor.alertPublished(alertTrap("1", 1, 10, 0));
        assertThat(f.counters.get(ReactiveCount.NO_SECURITY_ASSOCIATION)).isEqualTo(1);
        assertThat(f.advisor.tick()).isEqualTo(2);
        assertThat(List.copyOf(f.sent)).allSatisfy(s -> assertThat(s.home()).isNotEqualTo(ip("10.0.0.9")));
    }
}
