package net.homeagent.delegation.pha;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import net.homeagent.delegation.Tally;
import net.homeagent.mip.api.Binding;
import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.codec.wire.Ipv4;

class ChangeInboxTest {

    static final Instant T0 = Instant.parse("2026-12-07T06:00:00Z");
    final Tally<PhaCount> counts = new Tally<>(PhaCount.class);
    final ChangeInbox inbox = new ChangeInbox(counts);

    static Binding binding(String home, String careOf) {
        Inet4Address coa = Ipv4.parse(careOf).orElseThrow();
        return new Binding(Ipv4.parse(home).orElseThrow(), coa, Ipv4.parse("10.1.0.1").orElseThrow(), coa, 434,
                Optional.empty(), 600, T0, T0.plusSeconds(600), 1, 0, Encapsulation.IP_IN_IP, false);
    }

    @Test
    void theNewestChangeOfEachHomeAddressIsTakenInTheOrderTheAddressesFirstChanged() {
        assertThat(inbox.record(BindingEvent.added(binding("10.1.1.1", "192.0.2.1")), T0)).isTrue();
        assertThat(inbox.record(BindingEvent.added(binding("10.1.1.2", "192.0.2.2")), T0.plusMillis(1)))
                .as("a drain is due already").isFalse();
        inbox.record(BindingEvent.added(binding("10.1.1.1", "198.51.100.1")), T0.plusMillis(2));
        assertThat(inbox.size()).isEqualTo(2);
        assertThat(counts.get(PhaCount.CHANGES_FOLDED)).isEqualTo(1);

        ChangeInbox.Change first = inbox.take();
        assertThat(first.event().binding().careOfAddress()).isEqualTo(Ipv4.parse("198.51.100.1").orElseThrow());
        assertThat(first.at()).as("the reply of the first registration waits from its own time").isEqualTo(T0);
        assertThat(first.removedFirst()).isFalse();
        assertThat(inbox.take().home()).isEqualTo(Ipv4.parse("10.1.1.2").orElseThrow());
        assertThat(inbox.take()).isNull();
        assertThat(inbox.drained()).isFalse();
        assertThat(inbox.record(BindingEvent.added(binding("10.1.1.3", "192.0.2.3")), T0)).as("due again").isTrue();
    }

    @Test
    void aRemovalFoldedIntoANewRegistrationIsRemembered() {
        Binding b = binding("10.1.1.1", "192.0.2.1");
        inbox.record(BindingEvent.added(b), T0);
        inbox.record(BindingEvent.removed(b, RemovalReason.DEREGISTERED), T0);
        inbox.record(BindingEvent.added(b), T0);
        ChangeInbox.Change change = inbox.take();
        assertThat(change.event().type()).isEqualTo(BindingEvent.Type.ADDED);
        assertThat(change.removedFirst()).isTrue();
        assertThat(inbox.waiting(b.homeAddress())).isFalse();
    }

    @Test
    void aChangeRecordedWhileTheDrainerFinishesMakesItGoOn() {
        inbox.record(BindingEvent.added(binding("10.1.1.1", "192.0.2.1")), T0);
        assertThat(inbox.take()).isNotNull();
        // recorded after the drainer's last take, before it said it was done: no new drain was scheduled
        assertThat(inbox.record(BindingEvent.added(binding("10.1.1.2", "192.0.2.2")), T0)).isFalse();
        assertThat(inbox.drained()).as("the drainer goes on").isTrue();
        assertThat(inbox.take()).isNotNull();
        assertThat(inbox.drained()).isFalse();
    }
}
