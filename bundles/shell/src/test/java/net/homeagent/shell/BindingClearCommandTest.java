package net.homeagent.shell;

import static net.homeagent.shell.Bindings.binding;
import static net.homeagent.shell.Bindings.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.homeagent.mip.api.BindingEvent;
import net.homeagent.mip.api.Encapsulation;
import net.homeagent.mip.api.RemovalReason;
import net.homeagent.mip.api.testing.FakeBindingStore;
import net.homeagent.mip.api.testing.RecordingBindingListener;
import net.homeagent.mip.codec.RegistrationFlags;

class BindingClearCommandTest {
    private final RecordingBindingListener listener = new RecordingBindingListener();
    private final FakeBindingStore store = new FakeBindingStore().listen(listener);
    private final BindingClearCommand command = new BindingClearCommand();

    @BeforeEach
    void fill() {
        command.store = store;
        store.register(binding("10.0.0.10", "203.0.113.5", 600, RegistrationFlags.S, Encapsulation.IP_IN_IP, false),
                true);
        store.register(binding("10.0.0.10", "203.0.113.6", 600, RegistrationFlags.S, Encapsulation.IP_IN_IP, false),
                true);
        store.register(binding("10.0.0.11", "203.0.113.5", 600, 0, Encapsulation.IP_IN_IP, false), true);
        listener.clear();
    }

    @Test
    void clearsEveryBindingOfOneHomeAddressAsCleared() {
        command.homeAddress = "10.0.0.10";

        assertThat(command.render()).isEqualTo("Cleared 2 bindings of 10.0.0.10" + System.lineSeparator());
        assertThat(store.find(ip("10.0.0.10"))).isEmpty();
        assertThat(store.find(ip("10.0.0.11"))).hasSize(1);
        assertThat(listener.events()).extracting(BindingEvent::reason)
                .allSatisfy(reason -> assertThat(reason).contains(RemovalReason.CLEARED)).hasSize(2);
    }

    @Test
    void saysWhenThereWasNothingToClear() {
        command.homeAddress = "10.0.0.12";
        assertThat(command.render()).isEqualTo("Cleared 0 bindings of 10.0.0.12" + System.lineSeparator());
        assertThat(store.size()).isEqualTo(3);
    }

    @Test
    void allClearsTheWholeTable() {
        command.all = true;

        assertThat(command.render()).isEqualTo("Cleared 3 bindings" + System.lineSeparator());
        assertThat(store.size()).isZero();
        assertThat(listener.events()).hasSize(3);
    }

    @Test
    void oneClearedBindingIsSingular() {
        command.homeAddress = "10.0.0.11";
        assertThat(command.render()).isEqualTo("Cleared 1 binding of 10.0.0.11" + System.lineSeparator());
    }

    @Test
    void needsExactlyOneOfAddressAndAll() {
        assertThatThrownBy(command::render).hasMessage("Give either a home address or --all");
        command.all = true;
        command.homeAddress = "10.0.0.10";
        assertThatThrownBy(command::render).hasMessage("Give either a home address or --all");
        assertThat(store.size()).isEqualTo(3);
    }

    @Test
    void aBadAddressIsAOneLineErrorAndClearsNothing() {
        command.homeAddress = "10.0.0.256";
        assertThatThrownBy(command::render).isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Invalid IPv4 address '10.0.0.256' (expected a.b.c.d)");
        assertThat(store.size()).isEqualTo(3);
    }
}
