package net.homeagent.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.events.ApplianceEvent;
import net.homeagent.mip.api.events.ApplianceEvent.Kind;
import net.homeagent.mip.api.management.ManagementNotifier;
import net.homeagent.mip.api.testing.MutableClock;

/** Events published before the SNMP agent is there reach it when it comes, in order, unless too many or too old. */
class HeldNotificationsTest {

    private final MutableClock clock = MutableClock.at("2026-12-07T10:00:00Z");
    private final HeldNotifications notifications = new HeldNotifications(3, Duration.ofMinutes(1), clock);
    private final List<ApplianceEvent> raised = new ArrayList<>();
    private final ManagementNotifier agent = event -> raised.add(event);

    private ApplianceEvent event(String text) {
        return ApplianceEvent.of(Kind.ROLE_CHANGED, clock.instant(), "mip6", text, Map.of());
    }

    @Test
    void eventsBeforeTheAgentAreHandedToItInOrderBeforeLaterOnes() {
        ApplianceEvent started = event("recovery started");
        ApplianceEvent finished = event("recovery finished");
        notifications.accept(started);

        assertThat(notifications.attach(agent)).isEqualTo(1);
        notifications.accept(finished);

        assertThat(raised).containsExactly(started, finished);
        assertThat(notifications.discarded()).isZero();
    }

    @Test
    void onlyTheLastCapacityEventsAreHeld() {
        List<ApplianceEvent> events = List.of(event("1"), event("2"), event("3"), event("4"), event("5"));
        events.forEach(notifications);

        assertThat(notifications.attach(agent)).isEqualTo(3);

        assertThat(raised).containsExactlyElementsOf(events.subList(2, 5));
        assertThat(notifications.discarded()).isEqualTo(2);
    }

    @Test
    void eventsOlderThanTheMaximumAgeWhenTheAgentComesAreNotHandedOver() {
        ApplianceEvent old = event("at boot");
        notifications.accept(old);
        clock.advance(Duration.ofSeconds(40));
        ApplianceEvent recent = event("later");
        notifications.accept(recent);
        clock.advance(Duration.ofSeconds(30));   // old is 70 s old, recent 30 s

        assertThat(notifications.attach(agent)).isEqualTo(1);

        assertThat(raised).containsExactly(recent);
        assertThat(notifications.discarded()).isEqualTo(1);
    }

    @Test
    void whileTheAgentIsGoneEventsAreHeldForTheNextOne() {
        notifications.attach(agent);
        notifications.detach(agent);
        ApplianceEvent meanwhile = event("meanwhile");
        notifications.accept(meanwhile);
        assertThat(raised).isEmpty();

        List<ApplianceEvent> second = new ArrayList<>();
        notifications.attach(second::add);

        assertThat(second).containsExactly(meanwhile);
    }

    @Test
    void anOlderAgentLeavingDoesNotDetachItsSuccessor() {
        List<ApplianceEvent> successor = new ArrayList<>();
        notifications.attach(agent);
        ManagementNotifier next = successor::add;
        notifications.attach(next);   // DYNAMIC GREEDY: the new one is bound before the old one is unbound
        notifications.detach(agent);

        ApplianceEvent event = event("after the switch");
        notifications.accept(event);

        assertThat(successor).containsExactly(event);
        assertThat(raised).isEmpty();
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThatThrownBy(() -> new HeldNotifications(0, Duration.ofMinutes(1), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
    }
}
